/**
 * Saving a ledger item with its version. A 409 means someone else saved first: the user is told
 * "已被他人修改" and offered a reload of the current record (never a silent overwrite).
 */
import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { LedgerItem, UpdateLedgerItemBody } from '@kpc/contracts';
import { describeError, isApiError } from '../../../lib/api';
import { ledgerKeys } from '../api/keys';
import { conflictCurrent, useUpdateLedgerItem } from '../api/save-ledger-item';

export function useLedgerSave() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const update = useUpdateLedgerItem();

  /** Resolves to the saved item, or null when it failed (the user has been told why). */
  const save = async (
    item: Pick<LedgerItem, 'id' | 'version'>,
    patch: Omit<UpdateLedgerItemBody, 'version'>,
    onConflict?: (current: LedgerItem | null) => void,
  ): Promise<LedgerItem | null> => {
    try {
      return await update.mutateAsync({ id: item.id, body: { ...patch, version: item.version } });
    } catch (e) {
      if (isApiError(e, 'VERSION_CONFLICT')) {
        const current = conflictCurrent(e.details);
        modal.confirm({
          title: t('ledger.conflict.title'),
          content: t('ledger.conflict.body'),
          okText: t('ledger.conflict.reload'),
          cancelText: t('common.cancel'),
          okButtonProps: { 'data-testid': 'ledger-conflict-reload' },
          onOk: async () => {
            await queryClient.invalidateQueries({ queryKey: ledgerKeys.all });
            onConflict?.(current);
          },
        });
      } else message.error(describeError(e));
      return null;
    }
  };
  return { save, saving: update.isPending };
}
