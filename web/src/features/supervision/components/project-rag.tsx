/** The project detail's colour: the badge (reasons on click) beside the stage tags; nothing while it loads. */
import type { ProjectDetail } from '@kpc/contracts';
import { useProjectRag } from '../api/rag';
import { RagBadge } from './rag-badge';

export default function ProjectRag({ project }: { project: ProjectDetail }) {
  const { data } = useProjectRag(project.id);
  if (!data) return null;
  return <RagBadge projectId={project.id} rag={data.rag} reasons={data.reasons} />;
}
