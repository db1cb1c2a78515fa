/** One project's Gantt on its detail page (the nodes only, no project header row). */
import { Empty, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../lib/api';
import { useGantt } from '../api/get-gantt';
import { GanttChart } from './gantt-chart';

export default function ProjectGantt({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const { data, error, isPending } = useGantt({ projectId });
  if (isPending) return <Spin />;
  if (error || !data) return <Empty description={describeError(error)} />;
  const nodes = data.projects[0]?.nodes.length ?? 0;
  if (nodes === 0) return <Empty description={t('gantt.noNodes')} />;
  return <GanttChart gantt={data} projectRows={false} height={Math.min(640, 150 + nodes * 30)} initialScale="all" />;
}
