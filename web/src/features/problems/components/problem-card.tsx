/** One problem as a card: the board's cells and the phone's list. */
import { Card, Space, Typography } from 'antd';
import { problemCategoryLabels, type Problem } from '@kpc/contracts';
import { labelOf } from '../../../lib/i18n';
import { ProblemDeadline, ProblemStatusTag } from './problem-tags';

export function ProblemCard({ problem: p, onOpen, showStatus }: { problem: Problem; onOpen: () => void; showStatus?: boolean }) {
  return (
    <Card
      size="small"
      hoverable
      onClick={onOpen}
      style={{ marginBottom: 8, borderLeft: p.overdue ? '3px solid #ff4d4f' : undefined }}
      data-testid="problem-card"
    >
      <Typography.Paragraph strong style={{ marginBottom: 4 }} ellipsis={{ rows: 3 }}>
        {p.description}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {p.projectName}
      </Typography.Text>
      <Space wrap size={[8, 2]} style={{ marginTop: 4, fontSize: 12, display: 'flex' }}>
        {showStatus && <ProblemStatusTag status={p.status} />}
        <Typography.Text type="secondary">{labelOf(problemCategoryLabels, p.category)}</Typography.Text>
        <Typography.Text type="secondary">{p.unitName ?? '—'}</Typography.Text>
        {p.leaderName && <Typography.Text type="secondary">{p.leaderName}</Typography.Text>}
        <ProblemDeadline problem={p} />
      </Space>
    </Card>
  );
}
