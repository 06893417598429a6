import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { notificationPage, notificationView } from '../../shared/schemas/notifications';
import { get, request } from './client';
import { useInvalidatingMutation } from './mutations';

export type NotificationView = z.infer<typeof notificationView>;
export type NotificationPage = z.infer<typeof notificationPage>;

const notificationKeys = { all: ['notifications'] as const };

/** The newest notifications with the unread count, checked again every minute and on focus. */
export function useNotifications() {
  return useQuery({
    queryKey: notificationKeys.all,
    queryFn: () => get<NotificationPage>('/api/notifications', { limit: 20 }),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}

/** Marks some notifications, or all of them, as read. */
export function useMarkNotificationsRead() {
  return useInvalidatingMutation(
    (which: { ids: number[] } | { all: true }) => request<{ marked: number }>('POST', '/api/notifications/read', which),
    [notificationKeys.all],
  );
}
