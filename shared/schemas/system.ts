import { timestamp, z } from './common';

export const healthResponse = z.object({
  status: z.literal('ok'),
  engine: z.enum(['pglite', 'postgresql']),
  migration: z.object({ level: z.number().int(), latest: z.string().nullable() }),
  time: timestamp,
});

export const portalHomeResponse = z.object({
  displayName: z.string(),
  union: z
    .object({
      id: z.number().int(),
      name: z.string(),
      type: z.string(),
      address: z.string().nullable(),
      contactName: z.string().nullable(),
      contactPhone: z.string().nullable(),
      breadcrumbs: z.array(z.object({ id: z.number().int(), name: z.string() })),
    })
    .nullable(),
});
