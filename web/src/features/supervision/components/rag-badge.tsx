/** A colour badge 三色标识 that opens its reasons: every colour in the product says why. */
import { Popover, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ragLabels, type Rag, type RagReason } from '@kpc/contracts';
import { labelOf } from '../../../lib/i18n';
import { RagReasons } from './rag-reasons';

export const ragColor: Record<Rag, string> = { green: 'green', yellow: 'gold', red: 'red' };

export function RagBadge({ projectId, rag, reasons }: { projectId: number; rag: Rag; reasons: RagReason[] }) {
  const { t } = useTranslation();
  return (
    <Popover
      trigger="click"
      title={t(`supervision.why.${rag}`)}
      content={
        <div style={{ maxWidth: 'min(420px, 86vw)' }}>
          <RagReasons projectId={projectId} reasons={reasons} />
        </div>
      }
    >
      <Tag color={ragColor[rag]} style={{ cursor: 'pointer' }} data-testid="rag-badge" data-rag={rag}>
        {labelOf(ragLabels, rag)}
      </Tag>
    </Popover>
  );
}
