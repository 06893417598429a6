import { z } from 'zod';
import { errorCatalog } from '../errors';

// Zod's own messages in Chinese, for the server's 400 details and the web's forms alike.
z.config(z.locales.zhCN());

export { z };

/** A positive integer id taken from a path or query string. */
export const idSchema = z.coerce.number({ error: '编号必须是正整数' }).int().positive().max(2_147_483_647);

export const idParams = z.strictObject({ id: idSchema });

/** Keyset pagination: an opaque cursor from the previous page and a page size. */
export const pageQuery = {
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

/** A page of items with the cursor of the next page (null on the last page). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable(),
    total: z.number().int().optional(),
  });
}

export const isoDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
export const timestamp = z.string().describe('ISO 8601 timestamp');

/** A trimmed, non-empty single-line text of at most `max` characters. */
export function text(max: number, min = 1) {
  return z
    .string()
    .trim()
    .min(min, { error: min <= 1 ? '不能为空' : `至少 ${min} 个字符` })
    .max(max, { error: `不能超过 ${max} 个字符` })
    .refine((v) => !/\p{Cc}/u.test(v), { error: '不能包含控制字符' });
}

export const okResponse = z.object({ ok: z.literal(true) });

export const errorResponse = z.object({
  error: z.enum(Object.keys(errorCatalog) as [keyof typeof errorCatalog, ...(keyof typeof errorCatalog)[]]),
  message: z.string(),
  details: z.unknown().optional(),
});
