import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client';

/** Counts one hit in a fixed window; returns whether the bucket is still within `limit`. */
export async function hitRateLimit(db: DbOrTx, bucket: string, limit: number, windowSeconds: number, now: Date) {
  const windowStart = new Date(now.getTime() - windowSeconds * 1000);
  const [row] = await queryRows<{ hits: number }>(
    db,
    sql`
    insert into rate_limits (bucket, window_start, hits) values (${bucket}, ${now}, 1)
    on conflict (bucket) do update set
      hits = case when rate_limits.window_start <= ${windowStart} then 1 else rate_limits.hits + 1 end,
      window_start = case when rate_limits.window_start <= ${windowStart} then ${now} else rate_limits.window_start end
    returning hits`,
  );
  // Buckets of past windows are dead weight (one per IP and username ever seen): now and then, sweep them.
  if (Math.random() < 0.01) await db.execute(sql`delete from rate_limits where window_start <= ${windowStart}`);
  return Number(row?.hits ?? 0) <= limit;
}
