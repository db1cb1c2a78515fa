/** The investment entries of the side menu; the approvals entry carries the number waiting (one cheap count query). */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Badge, type MenuProps } from 'antd';
import { AuditOutlined, FormOutlined } from '@ant-design/icons';
import type { CurrentUser } from '@kpc/contracts';
import { useInvestmentReports } from '../api/list-reports';
import { investmentAccess } from '../access';

type MenuItem = Required<MenuProps>['items'][number];

function ApprovalsLabel({ children }: { children: ReactNode }) {
  const { data } = useInvestmentReports({ status: 'submitted', pageSize: 1 }, { refetchInterval: 120_000 });
  return (
    <Link to="/investment/approvals" data-testid="nav-investment-approvals">
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
        {children}
        <Badge count={data?.total ?? 0} size="small" overflowCount={99} data-testid="approvals-badge" />
      </span>
    </Link>
  );
}

export function investmentMenuItems(user: CurrentUser, t: (k: string) => string): MenuItem[] {
  const items: MenuItem[] = [];
  if (investmentAccess.report(user))
    items.push({
      key: '/investment/report',
      icon: <FormOutlined />,
      label: (
        <Link to="/investment/report" data-testid="nav-investment-report">
          {t('nav.investmentReport')}
        </Link>
      ),
    });
  if (investmentAccess.review(user))
    items.push({
      key: '/investment/approvals',
      icon: <AuditOutlined />,
      label: <ApprovalsLabel>{t('nav.investmentApprovals')}</ApprovalsLabel>,
    });
  return items;
}
