import type { DbOrTx } from '../db/client';

/**
 * The question every metric answers: its value for each of several org subtrees (by path) over a
 * period. `from`/`to` are inclusive `YYYY-MM-DD` dates in China time; null means unbounded.
 */
export interface MetricQuery {
  orgPaths: string[];
  from: string | null;
  to: string | null;
  /** Optional filters the metric declares (e.g. { category: '外卖骑手' }); unknown keys are refused. */
  filters?: Record<string, string>;
}

/** One page of the records behind a value, as a table the web can show without knowing the metric. */
export interface MetricRecords {
  columns: { key: string; title: string }[];
  rows: Record<string, string | number | null>[];
  nextCursor: string | null;
  total: number;
}

export interface MetricFilter {
  key: string;
  /** Chinese label of the filter. */
  label: string;
  /** The allowed values, when they are a fixed list. */
  values?: readonly string[];
}

/** A countable thing of the platform, defined once (code, Chinese name, unit, how it is computed). */
export interface MetricDefinition {
  /** Stable code, `<module>.<thing>`, e.g. `members.joined`. */
  code: string;
  /** Chinese name, e.g. 新入会会员. */
  name: string;
  /** Chinese unit, e.g. 名, 个, 条, 人次, 万元. */
  unit: string;
  /** One Chinese sentence on what is counted. */
  description: string;
  /** Whether the period applies (false: a snapshot such as the current roster size). */
  periodic: boolean;
  filters: MetricFilter[];
  /** The value for each path of `q.orgPaths` (a path's subtree), every path present in the answer. */
  compute(db: DbOrTx, q: MetricQuery): Promise<Map<string, number>>;
  /** The records behind the value of one subtree (`q.orgPaths` has one path), keyset paged. */
  records(db: DbOrTx, q: MetricQuery, page: { cursor?: string; limit: number }): Promise<MetricRecords>;
}
