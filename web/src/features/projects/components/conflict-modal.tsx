/** 409 on save: someone else changed the project meanwhile. Shows their version and offers a reload. */
import { Descriptions, Modal, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail } from '@kpc/contracts';
import { currentLocale } from '../../../lib/i18n';
import { formatMoney } from '../../../lib/money';
import { StageTag, LevelTag } from '../../../components/project-tags';

interface Props {
  current: ProjectDetail | null;
  onReload: () => void;
  onCancel: () => void;
}

export function ConflictModal({ current, onReload, onCancel }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      open={current !== null}
      title={t('project.conflict.title')}
      okText={t('project.conflict.reload')}
      cancelText={t('common.cancel')}
      onOk={onReload}
      onCancel={onCancel}
      okButtonProps={{ 'data-testid': 'project-conflict-reload' }}
    >
      <Typography.Paragraph>{t('project.conflict.body')}</Typography.Paragraph>
      {current && (
        <Descriptions size="small" bordered column={1}>
          <Descriptions.Item label={t('project.field.code')}>{current.code}</Descriptions.Item>
          <Descriptions.Item label={t('project.field.name')}>{current.name}</Descriptions.Item>
          <Descriptions.Item label={t('project.field.level')}>
            <LevelTag level={current.level} />
          </Descriptions.Item>
          <Descriptions.Item label={t('project.field.stage')}>
            <StageTag stage={current.stage} />
          </Descriptions.Item>
          <Descriptions.Item label={t('project.field.totalInvestment')}>
            {formatMoney(current.totalInvestment, currentLocale())}
          </Descriptions.Item>
          <Descriptions.Item label={t('project.field.leader')}>{current.leaderName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('project.field.leadUnit')}>{current.leadUnitName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('project.conflict.updatedAt')}>
            {dayjs(current.updatedAt).format('YYYY-MM-DD HH:mm:ss')}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Modal>
  );
}
