/**
 * The project detail's colour: the badge (reasons on click) beside the stage tags; an override shows as
 * 人工调整 with the computed colour beside it; since when it has its colour (the colour history). The supervisor sets or ends one here. Nothing while it loads.
 */
import { useState } from 'react';
import { App, Button, Popconfirm, Space, Tag, Tooltip } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ragLabels, type ProjectDetail } from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import { labelOf } from '../../../lib/i18n';
import { access } from '../../../lib/access';
import { useCurrentUser } from '../../../lib/session';
import { useOverrideRag, useProjectRag } from '../api/rag';
import { OverrideModal } from './override-modal';
import { RagBadge } from './rag-badge';

export default function ProjectRag({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const { data } = useProjectRag(project.id);
  const [open, setOpen] = useState(false);
  const end = useOverrideRag(project.id);
  if (!data) return null;
  const mayOverride = access.overrideRag(user, project);
  const o = data.override;
  return (
    <Space size={4} wrap>
      <RagBadge projectId={project.id} rag={data.rag} reasons={data.reasons} />
      {data.since && !o && (
        <span className="kpc-rag-since" data-testid="rag-since" style={{ color: '#7a869a', fontSize: 12 }}>
          {t('supervision.since', { date: data.since })}
        </span>
      )}
      {o && (
        <Tooltip title={t('supervision.override.info', { reason: o.reason, until: o.until, by: o.by })}>
          <Tag data-testid="rag-override-tag">
            {t('supervision.override.tag', { computed: labelOf(ragLabels, data.computedRag) })}
          </Tag>
        </Tooltip>
      )}
      {mayOverride && !o && (
        <Button size="small" type="text" icon={<EditOutlined />} onClick={() => setOpen(true)} data-testid="rag-override">
          {t('supervision.override.button')}
        </Button>
      )}
      {mayOverride && o && (
        <Popconfirm
          title={t('supervision.override.endConfirm')}
          onConfirm={() => end.mutate({ kind: 'end', version: o.version }, { onError: (e) => message.error(describeError(e)) })}
        >
          <Button size="small" type="text" data-testid="rag-override-end">
            {t('supervision.override.end')}
          </Button>
        </Popconfirm>
      )}
      <OverrideModal projectId={project.id} computed={data.computedRag} open={open} onClose={() => setOpen(false)} />
    </Space>
  );
}
