import { createHash } from 'node:crypto';

/** The fields of an audit row that its hash covers. */
export interface ChainedFields {
  id: number;
  at: Date;
  actorId: number | null;
  actorName: string | null;
  grantId: number | null;
  role: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetName: string | null;
  orgPath: string | null;
  result: string;
  ip: string | null;
  userAgent: string | null;
  details: unknown;
}

export const genesisHash = '0'.repeat(64);

/** JSON with object keys sorted at every level, so jsonb's key reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 over the previous row's hash and this row's fields. */
export function chainHash(prevHash: string, row: ChainedFields): string {
  const fields = [
    row.id,
    row.at.toISOString(),
    row.actorId,
    row.actorName,
    row.grantId,
    row.role,
    row.action,
    row.targetType,
    row.targetId,
    row.targetName,
    row.orgPath,
    row.result,
    row.ip,
    row.userAgent,
    row.details ?? null,
  ];
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}
