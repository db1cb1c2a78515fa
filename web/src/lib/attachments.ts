/**
 * Files attached to a ledger item (evidence) or a monthly investment report (progress photos):
 * GET /<owner>/:id/attachments, POST (multipart, one file ≤ 20 MB, type checked by content: 415 / 413
 * carry the server's message), DELETE /attachments/:id, GET /attachments/:id (download).
 */
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { Attachment } from '@kpc/contracts';
import { api } from './api';
import { postFile } from './post-file';

export type AttachmentOwner =
  | 'ledger-items'
  | 'investment-reports'
  | 'problems'
  | 'instruction-replies'
  | 'stage-proposals'
  | 'site-checks'
  | 'supervision/items';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const attachmentUrl = (id: number) => `/api/v1/attachments/${id}`;
export const isImage = (a: Attachment) => a.mime.startsWith('image/');

export const attachmentKeys = {
  all: ['attachments'] as const,
  of: (owner: AttachmentOwner, ownerId: number) => [...attachmentKeys.all, owner, ownerId] as const,
};

export function useAttachments(owner: AttachmentOwner, ownerId: number | undefined, opts: { staleTime?: number } = {}) {
  return useQuery({
    queryKey: attachmentKeys.of(owner, ownerId ?? 0),
    queryFn: ({ signal }) => api.get<Attachment[]>(`/${owner}/${ownerId}/attachments`, { signal }),
    enabled: ownerId !== undefined,
    staleTime: opts.staleTime,
  });
}

/** `alsoInvalidate`: views that show the owner's file count (the ledger's rows). */
export function useUploadAttachment(
  owner: AttachmentOwner,
  ownerId: number,
  fallbackMessage: (status: number) => string,
  alsoInvalidate: QueryKey[] = [],
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => postFile<Attachment>(`/${owner}/${ownerId}/attachments`, file, file.name, fallbackMessage),
    onSuccess: () =>
      Promise.all(
        [attachmentKeys.of(owner, ownerId), ...alsoInvalidate].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      ),
  });
}

export function useDeleteAttachment(alsoInvalidate: QueryKey[] = []) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<unknown>(`/attachments/${id}`),
    onSuccess: () =>
      Promise.all([attachmentKeys.all, ...alsoInvalidate].map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}
