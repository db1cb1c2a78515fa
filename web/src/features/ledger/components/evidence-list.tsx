/**
 * A ledger item's evidence: the files (downloaded as attachments) and an upload of one file at a time.
 * The server checks type by content and size (≤ 20 MB); its 415 / 413 message is what the user sees.
 */
import { App, Button, List, Popconfirm, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { LedgerItem } from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import { attachmentUrl, useAttachments, useDeleteAttachment, useUploadEvidence } from '../api/attachments';

const sizeText = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

export function EvidenceList({ item }: { item: LedgerItem }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: files, isPending } = useAttachments(item.id);
  const upload = useUploadEvidence(item.id, (status) =>
    status === 413 ? t('ledger.evidence.tooLarge') : status === 415 ? t('ledger.evidence.badType') : t('ledger.evidence.failed'),
  );
  const remove = useDeleteAttachment();

  return (
    <div data-testid="ledger-evidence">
      {item.permissions.upload && (
        <Upload
          accept="image/*,.pdf,.docx,.xlsx"
          showUploadList={false}
          customRequest={({ file, onSuccess, onError }) => {
            upload.mutate(file as File, {
              onSuccess: (a) => {
                message.success(t('ledger.evidence.uploaded', { name: a.filename }));
                onSuccess?.(a);
              },
              onError: (e) => {
                message.error(describeError(e));
                onError?.(e as Error);
              },
            });
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="ledger-evidence-upload">
            {t('ledger.evidence.upload')}
          </Button>
        </Upload>
      )}
      <Typography.Paragraph type="secondary" style={{ margin: '6px 0' }}>
        {t('ledger.evidence.hint')}
      </Typography.Paragraph>
      {upload.error && (
        <Typography.Paragraph type="danger" data-testid="ledger-evidence-error">
          {describeError(upload.error)}
        </Typography.Paragraph>
      )}
      <List
        size="small"
        loading={isPending}
        dataSource={files ?? []}
        locale={{ emptyText: t('ledger.evidence.none') }}
        renderItem={(f) => (
          <List.Item
            data-testid="ledger-evidence-file"
            actions={
              f.canDelete
                ? [
                    <Popconfirm key="del" title={t('ledger.evidence.deleteConfirm')} onConfirm={() => remove.mutate(f.id)}>
                      <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space>
              <PaperClipOutlined />
              <a href={attachmentUrl(f.id)} download={f.filename}>
                {f.filename}
              </a>
              <Typography.Text type="secondary">
                {sizeText(f.size)} · {f.uploadedByName ?? '—'} · {f.createdAt.slice(0, 10)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}
