/** One project's Gantt on its detail page: its nodes, then its ledger items (no project header row). */
import { Empty, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../lib/api';
import { useGantt } from '../api/get-gantt';
import { GanttChart } from './gantt-chart';

export default function ProjectGantt({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const { data, error, isPending } = useGantt({ projectId, ledger: true });
  if (isPending) return <Spin />;
  if (error || !data) return <Empty description={describeError(error)} />;
  const nodes = data.projects[0]?.nodes.length ?? 0;
  const items = data.projects[0]?.ledgerItems?.length ?? 0;
  if (nodes + items === 0) return <Empty description={t('gantt.noNodes')} />;
  // a group label row above each group when both are shown
  const rows = nodes + items + (items ? 1 : 0) + (nodes && items ? 1 : 0);
  return <GanttChart gantt={data} projectRows={false} height={Math.min(760, 150 + rows * 30)} initialScale="all" />;
}
