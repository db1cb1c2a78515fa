/** The investment entries of the side menu; the approvals entry carries the number waiting (one cheap count query). */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Badge } from 'antd';
import { AuditOutlined, FormOutlined } from '@ant-design/icons';
import { access } from '../../lib/access';
import type { MenuEntry } from '../../lib/menu';
import { useInvestmentReports } from './api/list-reports';

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

export const investmentMenu: MenuEntry[] = [
  {
    path: '/investment/report',
    icon: <FormOutlined />,
    label: 'nav.investmentReport',
    testId: 'nav-investment-report',
    allow: access.investmentReport,
  },
  {
    path: '/investment/approvals',
    icon: <AuditOutlined />,
    label: 'nav.investmentApprovals',
    testId: 'nav-investment-approvals',
    allow: access.investmentApprovals,
    render: (text) => <ApprovalsLabel>{text}</ApprovalsLabel>,
  },
];
