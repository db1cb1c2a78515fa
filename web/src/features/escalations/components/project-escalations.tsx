/** The project detail's 问责记录 card: the project's escalation steps, newest first; nothing when it has none. */
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail } from '@kpc/contracts';
import { access } from '../../../lib/access';
import { useCurrentUser } from '../../../lib/session';
import { useProjectEscalations } from '../api/escalations';
import { EscalationCard } from './escalation-card';

export default function ProjectEscalations({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { data } = useProjectEscalations(project.id);
  if (!data || data.length === 0) return null;
  const mayDecide = access.decideEscalation(user, project);
  return (
    <Card title={t('escalations.projectCard')} data-testid="project-escalations">
      {data.map((e) => (
        <EscalationCard key={e.id} e={e} mayDecide={mayDecide} />
      ))}
    </Card>
  );
}
