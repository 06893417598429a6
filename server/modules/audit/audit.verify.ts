import { asc, gt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { chainHash, genesisHash } from './audit.chain';
import { auditLog } from './audit.tables';

/** The outcome of walking the audit log's hash chain. */
export interface AuditChainReport {
  ok: boolean;
  /** Rows examined, including the broken one when the chain is broken. */
  rows: number;
  /** The hash of the last row that verified (the head of the log when ok); null for an empty log. */
  headHash: string | null;
  headId: number | null;
  /** The first broken row and why, when not ok. */
  problem?: { id: number; reason: string };
}

/**
 * Recomputes every audit row's hash in id order, in keyset batches so a log of millions of rows never
 * sits in memory. Rows removed from the very end leave no trace inside the log: compare the head hash
 * with one recorded elsewhere to catch that.
 */
export async function verifyAuditChain(db: DbOrTx, opts: { batchSize?: number } = {}): Promise<AuditChainReport> {
  const batchSize = opts.batchSize ?? 5_000;
  let rows = 0;
  let prevId: number | null = null;
  let prevHash = genesisHash;
  for (;;) {
    const batch = await db
      .select()
      .from(auditLog)
      .where(prevId === null ? undefined : gt(auditLog.id, prevId))
      .orderBy(asc(auditLog.id))
      .limit(batchSize);
    for (const row of batch) {
      rows++;
      const head = { headHash: prevId === null ? null : prevHash, headId: prevId };
      if (row.prevHash !== prevHash) {
        return { ok: false, rows, ...head, problem: { id: row.id, reason: linkReason(prevId, row.id) } };
      }
      // Recomputing from the stored fields catches an edit that left the stored hash alone.
      if (chainHash(row.prevHash, row) !== row.hash) {
        return {
          ok: false,
          rows,
          ...head,
          problem: { id: row.id, reason: '记录内容与其 hash 不符：该记录被改动过' },
        };
      }
      prevId = row.id;
      prevHash = row.hash;
    }
    if (batch.length < batchSize) break;
  }
  return { ok: true, rows, headHash: prevId === null ? null : prevHash, headId: prevId };
}

function linkReason(prevId: number | null, id: number): string {
  if (prevId === null) return 'prev_hash 不是链的起点：更早的记录被删除了';
  // Sequence gaps also come from rolled-back transactions, so a gap alone proves nothing; it only
  // narrows down where to look once the link is broken.
  const gap = id - prevId > 1 ? `（其间 id ${prevId + 1}${id - prevId > 2 ? `–${id - 1}` : ''} 不存在）` : '';
  return `prev_hash 与前一条记录（id ${prevId}）的 hash 不符：两者之间的记录被删除${gap}，或前一条记录被改动后重算了 hash`;
}
