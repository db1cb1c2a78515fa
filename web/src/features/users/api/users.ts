/** /users: list (paged, filtered), create, edit (with version), reset password, unlock. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createUserBody, updateUserBody, type Role, type User } from '@kpc/contracts';
import { api, type Page } from '../../../lib/api';
import { blankToNull, validateAndSend } from '../../../lib/save';

export interface UserListQuery {
  q?: string;
  role?: Role;
  disabled?: 'true' | 'false';
  page: number;
  pageSize: number;
}

export const userKeys = { all: ['users'] as const, list: (q: UserListQuery) => ['users', 'list', q] as const };

export function useUserList(query: UserListQuery) {
  return useQuery({
    queryKey: userKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<User>>('/users', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

export interface UserFormValues {
  username?: string;
  displayName?: string;
  phone?: string | null;
  roles?: Role[];
  regionCode?: string;
  unitId?: number | null;
  leaderId?: number | null;
  enterpriseId?: number | null;
  password?: string;
  disabled?: boolean;
}

export function useSaveUser() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: userKeys.all });
  return {
    refresh,
    save: async (v: UserFormValues, row: User | null) => {
      const common = {
        displayName: (v.displayName ?? '').trim(),
        phone: blankToNull(v.phone),
        roles: v.roles ?? [],
        regionCode: v.regionCode,
        unitId: v.unitId ?? null,
        leaderId: v.leaderId ?? null,
        enterpriseId: v.enterpriseId ?? null,
      };
      const r = row
        ? await validateAndSend(updateUserBody, { version: row.version, ...common, disabled: v.disabled ?? false }, (b) =>
            api.patch<User>(`/users/${row.id}`, b),
          )
        : await validateAndSend(
            createUserBody,
            { ...common, username: (v.username ?? '').trim(), password: v.password ?? '' },
            (b) => api.post<User>('/users', b),
          );
      if (r.ok) await refresh();
      return r;
    },
  };
}

export function useSetUserDisabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (u: User) => api.patch<User>(`/users/${u.id}`, { version: u.version, disabled: !u.disabled }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ user, password }: { user: User; password: string }) =>
      api.post<User>(`/users/${user.id}/reset-password`, { version: user.version, password }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUnlockUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (u: User) => api.post<User>(`/users/${u.id}/unlock`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
