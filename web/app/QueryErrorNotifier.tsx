import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useEffect } from 'react';
import { ApiError } from '../api/client';
import { common } from '../locales/zh-CN';

const handledByShell = new Set(['auth/unauthenticated', 'auth/session_expired', 'auth/password_change_required']);

/**
 * Shows the server's message when loading data fails, so an empty table never hides an error.
 * Session problems are left to the shell, which redirects instead.
 */
export function QueryErrorNotifier() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        if (event.type !== 'updated' || event.action.type !== 'error') return;
        const { error } = event.action;
        if (error instanceof ApiError && handledByShell.has(error.code)) return;
        message.error(error instanceof ApiError ? error.message : common.loadFailed);
      }),
    [queryClient, message],
  );
  return null;
}
