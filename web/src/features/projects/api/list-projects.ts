/** GET /projects with filters, sort and paging → { items, total }. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Project, ProjectCategory, ProjectLevel, Stage, projectSortFields } from '@kpc/contracts';
import { api, type Page } from '../../../lib/api';
import { projectKeys } from './keys';

export interface ProjectListQuery {
  level?: ProjectLevel;
  stage?: Stage;
  category?: ProjectCategory;
  unitId?: number;
  leaderId?: number;
  regionCode?: string;
  q?: string;
  ids?: string;
  sort?: (typeof projectSortFields)[number];
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export function useProjectList(query: ProjectListQuery) {
  return useQuery({
    queryKey: projectKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<Project>>('/projects', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}
