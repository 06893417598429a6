import { AppError } from '../plugins/errors';

/** An opaque keyset cursor: the sort key of the last row of a page. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor made by encodeCursor with the given shape, or answers 400. */
export function decodeCursor<T extends readonly ('string' | 'number')[]>(
  cursor: string | undefined,
  shape: T,
): { [K in keyof T]: T[K] extends 'string' ? string : number } | null {
  if (!cursor) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === shape.length && key.every((v, i) => typeof v === shape[i])) {
      return key as { [K in keyof T]: T[K] extends 'string' ? string : number };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError(
    'common/invalid_input',
    [{ field: 'cursor', message: '分页游标无效' }],
    '分页游标无效，请从第一页重新查询',
  );
}

/** Splits a page fetched with limit + 1 rows into items and the next cursor. */
export function pageFrom<R>(rows: R[], limit: number, key: (row: R) => readonly (string | number)[]) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(key(last)) : null };
}
