/**
 * GET /supervision/rule-sets/:regionCode → the region's colour rule set in force and its versions;
 * POST …/preview → what a change would do, saving nothing; PUT → the next version (issue 11 item 2).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RagRuleSetValues, RagRuleSetVersion, RagRuleSetView, RagRulesPreview } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { ragKeys } from './rag';

export const ruleSetKeys = {
  all: ['rag-rule-sets'] as const,
  region: (regionCode: string) => [...ruleSetKeys.all, regionCode] as const,
};

const path = (regionCode: string) => `/supervision/rule-sets/${encodeURIComponent(regionCode)}`;

export function useRuleSet(regionCode: string) {
  return useQuery({
    queryKey: ruleSetKeys.region(regionCode),
    queryFn: ({ signal }) => api.get<RagRuleSetView>(path(regionCode), { signal }),
  });
}

export function usePreviewRules(regionCode: string) {
  return useMutation({
    mutationFn: (rules: RagRuleSetValues) => api.post<RagRulesPreview>(`${path(regionCode)}/preview`, { rules }),
  });
}

/** Saves the next version; the rule sets and every colour view refresh (the colours follow the rules). */
export function useSaveRules(regionCode: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { rules: RagRuleSetValues; version: number; note: string }) =>
      api.put<RagRuleSetVersion>(path(regionCode), body),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ruleSetKeys.all });
      await queryClient.invalidateQueries({ queryKey: ragKeys.all });
    },
  });
}
