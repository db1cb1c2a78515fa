/**
 * Sends the offline queue (lib/offline-queue.ts) of the signed-in user: at app start, when the browser
 * comes back online, and every half minute while something waits (a lost answer leaves the browser online);
 * tells the user what was sent or refused, and refreshes what the sent records change.
 */
import { useEffect } from 'react';
import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { describeError } from '../lib/api';
import { flushQueue, onQueueOutcome, queuedItems } from '../lib/offline-queue';
import { useCurrentUser } from '../lib/session';

const RETRY_MS = 30_000;

export function OfflineQueueSync() {
  const user = useCurrentUser();
  const { message } = App.useApp();
  const { t } = useTranslation();
  const queryClient = useQueryClient();

  useEffect(
    () =>
      onQueueOutcome((o) => {
        if (o.kind === 'sent') message.success(t('offline.sent', { label: o.item.label }));
        else message.error(t('offline.refused', { label: o.item.label, reason: describeError(o.error) }), 8);
        void queryClient.invalidateQueries();
      }),
    [message, t, queryClient],
  );

  useEffect(() => {
    const userId = user.id;
    const send = () => {
      if (queuedItems().some((i) => i.userId === userId)) void flushQueue(userId);
    };
    send();
    window.addEventListener('online', send);
    const timer = window.setInterval(() => navigator.onLine && send(), RETRY_MS);
    return () => {
      window.removeEventListener('online', send);
      window.clearInterval(timer);
    };
  }, [user.id]);

  return null;
}
