/**
 * Evidence files of a ledger item: GET /ledger-items/:id/attachments, POST (multipart, one file ≤ 20 MB,
 * type checked by content: 415 / 413 carry the server's message), DELETE /attachments/:id, GET /attachments/:id.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Attachment } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { ledgerKeys } from './keys';
import { postFile } from './post-file';

export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;
export const attachmentUrl = (id: number) => `/api/v1/attachments/${id}`;

export function useAttachments(itemId: number | undefined) {
  return useQuery({
    queryKey: ledgerKeys.attachments(itemId ?? 0),
    queryFn: ({ signal }) => api.get<Attachment[]>(`/ledger-items/${itemId}/attachments`, { signal }),
    enabled: itemId !== undefined,
  });
}

export function useUploadEvidence(itemId: number, fallbackMessage: (status: number) => string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => postFile<Attachment>(`/ledger-items/${itemId}/attachments`, file, file.name, fallbackMessage),
    // the item's attachment count changes too
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ledgerKeys.all }),
  });
}

export function useDeleteAttachment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<unknown>(`/attachments/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ledgerKeys.all }),
  });
}
