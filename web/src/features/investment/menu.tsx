/** The investment entries of the side menu; the approvals entry carries the number waiting (one cheap count query). */
import { AuditOutlined, FormOutlined } from '@ant-design/icons';
import { BadgeLink } from '../../components/badge-link';
import { access } from '../../lib/access';
import type { MenuEntry } from '../../lib/menu';
import { useInvestmentReports } from './api/list-reports';

function ApprovalsLabel({ text }: { text: string }) {
  const { data } = useInvestmentReports({ status: 'submitted', pageSize: 1 }, { refetchInterval: 120_000 });
  return (
    <BadgeLink
      to="/investment/approvals"
      testId="nav-investment-approvals"
      badgeTestId="approvals-badge"
      count={data?.total ?? 0}
    >
      {text}
    </BadgeLink>
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
    render: (text) => <ApprovalsLabel text={text} />,
  },
];
