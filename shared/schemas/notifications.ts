import { idSchema, timestamp, z } from './common';

export const notificationQuery = z.strictObject({
  cursor: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

export const notificationView = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: timestamp,
  readAt: timestamp.nullable(),
});

export const notificationPage = z.object({
  items: z.array(notificationView),
  nextCursor: z.string().nullable(),
  unread: z.number().int(),
});

export const markReadBody = z.union([
  z.strictObject({ ids: z.array(idSchema).min(1).max(500) }),
  z.strictObject({ all: z.literal(true) }),
]);
