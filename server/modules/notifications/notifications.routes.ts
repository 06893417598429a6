import { z } from '../../../shared/schemas/common';
import { markReadBody, notificationPage, notificationQuery } from '../../../shared/schemas/notifications';
import type { App } from '../../app';
import { listNotifications, markNotificationsRead } from './notifications.service';

const tags = ['消息通知'];

/** The signed-in account's in-app notifications. */
export async function notificationRoutes(app: App) {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: '我的消息（含未读数）',
        querystring: notificationQuery,
        response: { 200: notificationPage },
      },
      config: { access: 'authenticated' },
    },
    (req) => listNotifications(req.ctx, req.query),
  );

  app.post(
    '/api/notifications/read',
    {
      schema: {
        tags,
        summary: '标记消息为已读',
        body: markReadBody,
        response: { 200: z.object({ marked: z.number().int() }) },
      },
      config: { access: 'authenticated' },
    },
    (req) => markNotificationsRead(req.ctx, 'ids' in req.body ? req.body.ids : 'all'),
  );
}
