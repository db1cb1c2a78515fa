/**
 * The project detail's stage proposals (in its 阶段变更 card): the button to propose the next stage for
 * those who report on the project, the one waiting (the office decides it here) and the earlier ones.
 */
import { useState } from 'react';
import { Button, Collapse } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { stageLabels, type ProjectDetail } from '@kpc/contracts';
import { nextStage } from '@kpc/domain';
import { labelOf } from '../../../lib/i18n';
import { useStageProposals } from '../api/stage-proposals';
import { ProposeStageModal } from './propose-stage-modal';
import { StageProposalCard } from './stage-proposal-card';

export default function ProjectStageProposals({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { data } = useStageProposals({ projectId: project.id, pageSize: 50 });
  const items = data?.items ?? [];
  const waiting = items.filter((p) => p.status === 'proposed');
  const earlier = items.filter((p) => p.status !== 'proposed');
  const next = nextStage(project.stage);
  return (
    <div style={{ marginBottom: items.length || project.permissions.proposeStage ? 12 : 0 }}>
      {project.permissions.proposeStage && next && waiting.length === 0 && (
        <Button icon={<SendOutlined />} onClick={() => setOpen(true)} style={{ marginBottom: 12 }} data-testid="stage-propose">
          {t('stageProposals.propose', { stage: labelOf(stageLabels, next) })}
        </Button>
      )}
      {waiting.map((p) => (
        <StageProposalCard key={p.id} p={p} />
      ))}
      {earlier.length > 0 && (
        <Collapse
          size="small"
          items={[
            {
              key: 'earlier',
              label: t('stageProposals.earlier', { count: earlier.length }),
              children: earlier.map((p) => <StageProposalCard key={p.id} p={p} />),
            },
          ]}
        />
      )}
      <ProposeStageModal project={project} open={open} onClose={() => setOpen(false)} />
    </div>
  );
}
