/** The 问题 tab of a project: its problems as cards by status order, raising one, the drawer with the transitions. */
import { useState } from 'react';
import { Button, Empty, Space, Spin } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Problem, ProjectDetail } from '@kpc/contracts';
import { hasRole } from '../../../lib/access';
import { useCurrentUser } from '../../../lib/session';
import { useProjectProblems } from '../api/list-problems';
import { CreateProblemModal } from './create-problem-modal';
import { ProblemCard } from './problem-card';
import { ProblemDrawer } from './problem-drawer';

export default function ProjectProblemsTab({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { data, isPending } = useProjectProblems(project.id);
  const [open, setOpen] = useState<Problem | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const items = data?.items ?? [];
  return (
    <div data-testid="project-problems">
      <Space style={{ marginBottom: 8 }}>
        {hasRole(user, 'office', 'admin', 'supervisor', 'leader', 'unit') && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="project-problem-new">
            {t('problems.new')}
          </Button>
        )}
      </Space>
      {isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty description={t('problems.none')} />
      ) : (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))', gap: 8 }}>
          {items.map((p) => (
            <ProblemCard key={p.id} problem={p} showStatus onOpen={() => setOpen(p)} />
          ))}
        </div>
      )}
      <ProblemDrawer problem={open} onClose={() => setOpen(undefined)} />
      <CreateProblemModal open={creating} projectId={project.id} onClose={() => setCreating(false)} />
    </div>
  );
}
