/** A side-menu link with a live count beside its text (submitted reports, overdue nodes). */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Badge } from 'antd';

export function BadgeLink(props: { to: string; testId: string; badgeTestId: string; count: number; children: ReactNode }) {
  return (
    <Link to={props.to} data-testid={props.testId}>
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
        {props.children}
        <Badge count={props.count} size="small" overflowCount={99} data-testid={props.badgeTestId} />
      </span>
    </Link>
  );
}
