/**
 * One component for the files attached to a ledger item (evidence) or a monthly investment report
 * (progress photos): upload (several at once, one request each), a list or image thumbnails, download,
 * delete. The server checks type by content and size (≤ 20 MB); its 415 / 413 message is what the user sees.
 */
import { useState } from 'react';
import { App, Button, Image, List, Popconfirm, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, FileOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '@kpc/contracts';
import { describeError } from '../../lib/api';
import {
  attachmentUrl,
  isImage,
  useAttachments,
  useDeleteAttachment,
  useUploadAttachment,
  type AttachmentOwner,
} from '../../lib/attachments';
import './attachments.css';

export const sizeText = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

export interface AttachmentListProps {
  owner: AttachmentOwner;
  ownerId: number;
  /** Show the upload button (the server still decides). */
  canUpload: boolean;
  /** 'list' names every file; 'photos' shows images as thumbnails (other files as links). */
  display?: 'list' | 'photos';
  accept?: string;
  /** No delete buttons (a reviewer's look at the files). */
  readOnly?: boolean;
  labels: { upload: string; hint?: string; none: string };
  /** Prefix of the data-testid of the block, its upload button, error and files. */
  testId: string;
  /** Views that show the owner's file count. */
  alsoInvalidate?: QueryKey[];
}

export function AttachmentList({
  owner,
  ownerId,
  canUpload,
  display = 'list',
  accept = 'image/*,.pdf,.docx,.xlsx',
  readOnly = false,
  labels,
  testId,
  alsoInvalidate,
}: AttachmentListProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: files, isPending } = useAttachments(owner, ownerId);
  const upload = useUploadAttachment(
    owner,
    ownerId,
    (status) =>
      status === 413 ? t('attachments.tooLarge') : status === 415 ? t('attachments.badType') : t('attachments.failed'),
    alsoInvalidate,
  );
  const remove = useDeleteAttachment(alsoInvalidate);
  // several files may be picked at once: each is its own request, the button spins until all are done
  const [sending, setSending] = useState(0);
  const [error, setError] = useState<unknown>(null);

  const deleteButton = (f: Attachment) =>
    !readOnly && f.canDelete ? (
      <Popconfirm key="del" title={t('attachments.deleteConfirm')} onConfirm={() => remove.mutate(f.id)}>
        <Button
          type="text"
          danger
          size="small"
          icon={<DeleteOutlined />}
          aria-label={t('common.delete')}
          data-testid={`${testId}-delete`}
        />
      </Popconfirm>
    ) : null;

  const link = (f: Attachment) => (
    <a href={attachmentUrl(f.id)} download={f.filename}>
      {f.filename}
    </a>
  );

  return (
    <div data-testid={testId}>
      {canUpload && (
        <Upload
          accept={accept}
          multiple
          showUploadList={false}
          customRequest={({ file, onSuccess, onError }) => {
            setSending((n) => n + 1);
            setError(null);
            upload
              .mutateAsync(file as File)
              .then((a) => {
                message.success(t('attachments.uploaded', { name: a.filename }));
                onSuccess?.(a);
              })
              .catch((e: unknown) => {
                setError(e);
                message.error(describeError(e));
                onError?.(e as Error);
              })
              .finally(() => setSending((n) => n - 1));
          }}
        >
          <Button icon={<UploadOutlined />} loading={sending > 0} data-testid={`${testId}-upload`}>
            {labels.upload}
          </Button>
        </Upload>
      )}
      {labels.hint && (
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0' }}>
          {labels.hint}
        </Typography.Paragraph>
      )}
      {error !== null && (
        <Typography.Paragraph type="danger" data-testid={`${testId}-error`}>
          {describeError(error)}
        </Typography.Paragraph>
      )}
      {display === 'photos' ? (
        <Image.PreviewGroup>
          <div className="kpc-photo-grid">
            {!isPending && (files ?? []).length === 0 && <Typography.Text type="secondary">{labels.none}</Typography.Text>}
            {(files ?? []).map((f) => (
              <figure key={f.id} className="kpc-photo" data-testid={`${testId}-file`}>
                {isImage(f) ? (
                  <Image src={attachmentUrl(f.id)} alt={f.filename} width={96} height={96} style={{ objectFit: 'cover' }} />
                ) : (
                  <a href={attachmentUrl(f.id)} download={f.filename} className="kpc-photo-file">
                    <FileOutlined style={{ fontSize: 28 }} />
                  </a>
                )}
                <figcaption>
                  <Typography.Text ellipsis={{ tooltip: f.filename }} style={{ fontSize: 12, maxWidth: 72 }}>
                    {link(f)}
                  </Typography.Text>
                  {deleteButton(f)}
                </figcaption>
              </figure>
            ))}
          </div>
        </Image.PreviewGroup>
      ) : (
        <List
          size="small"
          loading={isPending}
          dataSource={files ?? []}
          locale={{ emptyText: labels.none }}
          renderItem={(f) => (
            <List.Item data-testid={`${testId}-file`} actions={[deleteButton(f)].filter(Boolean)}>
              <Space wrap>
                <PaperClipOutlined />
                {link(f)}
                <Typography.Text type="secondary">
                  {sizeText(f.size)} · {f.uploadedByName ?? '—'} · {f.createdAt.slice(0, 10)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
