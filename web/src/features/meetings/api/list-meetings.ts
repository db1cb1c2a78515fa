/** GET /meetings (kind, series, status, paging) → { items, total, heldCount }; GET /meeting-series. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MeetingKind, MeetingListItem, MeetingSeries, MeetingStatus } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { meetingKeys } from './keys';

export interface MeetingListQuery {
  kind?: MeetingKind;
  seriesId?: number;
  status?: MeetingStatus;
  page: number;
  pageSize: number;
}

export function useMeetingList(query: MeetingListQuery) {
  return useQuery({
    queryKey: meetingKeys.list(query),
    queryFn: ({ signal }) =>
      api.get<{ items: MeetingListItem[]; total: number; heldCount: number }>('/meetings', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

export const useMeetingSeries = () =>
  useQuery({ queryKey: meetingKeys.series, queryFn: () => api.get<MeetingSeries[]>('/meeting-series') });
