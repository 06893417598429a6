/**
 * The metric catalog: every countable thing of the platform, registered once by code. Dashboards,
 * targets and reports read figures only through computeMetric, and open the records behind a figure
 * through metricRecords; both check the query against the metric's declaration first.
 */
import type { PermissionCode } from '../../shared/permissions';
import type { DbOrTx } from '../db/client';
import { AppError } from '../plugins/errors';
import type { MetricDefinition, MetricFilter, MetricQuery, MetricRecords } from './types';

/** A filter whose fixed values (codes) have Chinese labels; a label is accepted in place of its code. */
export interface CatalogFilter extends MetricFilter {
  valueLabels?: Readonly<Record<string, string>>;
}

/** A metric as the catalog holds it: the shared definition plus what the routes need to guard it. */
export interface CatalogMetric extends MetricDefinition {
  filters: CatalogFilter[];
  /**
   * The permission the caller needs over the org to see the records behind a value (beyond `orgs.read`,
   * which every figure needs), e.g. `members.read` where the records name members.
   */
  recordsPermission?: PermissionCode;
  /** The records name people: viewing them is audited like a roster search. */
  personal?: boolean;
}

const catalog = new Map<string, CatalogMetric>();

/** Adds a metric to the catalog; a second metric with the same code is a programming error. */
export function registerMetric(def: CatalogMetric): void {
  if (catalog.has(def.code)) throw new Error(`metric ${def.code} is registered twice`);
  const keys = def.filters.map((f) => f.key);
  if (new Set(keys).size !== keys.length) throw new Error(`metric ${def.code} declares a filter twice`);
  catalog.set(def.code, def);
}

/** Adds several metrics (one module's list) to the catalog. */
export function registerMetrics(...lists: readonly CatalogMetric[][]): void {
  for (const def of lists.flat()) registerMetric(def);
}

/** The metric with this code, or undefined. */
export function metricByCode(code: string): CatalogMetric | undefined {
  return catalog.get(code);
}

/** Every registered metric, in registration order. */
export function listMetrics(): CatalogMetric[] {
  return [...catalog.values()];
}

/** The metric with this code, or 404 metrics/not_found. */
export function requireMetric(code: string): CatalogMetric {
  const def = catalog.get(code);
  if (!def) throw new AppError('metrics/not_found');
  return def;
}

const orgPathPattern = /^\/(\d+\/)+$/;

/** A real calendar date written YYYY-MM-DD (not 2024-02-30). */
function isDate(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

function badFilter(key: string, message: string): AppError {
  return new AppError('metrics/bad_filter', [{ field: key, message }], message);
}

/** The filters as the metric declares them: unknown keys and values refused, labels turned into codes. */
function checkFilters(def: CatalogMetric, filters: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(filters ?? {})) {
    const filter = def.filters.find((f) => f.key === key);
    if (!filter) {
      const known = def.filters.map((f) => `${f.label}（${f.key}）`).join('、');
      throw badFilter(
        key,
        known
          ? `指标“${def.name}”没有筛选条件“${key}”，可用的筛选条件：${known}`
          : `指标“${def.name}”不支持筛选条件（收到“${key}”）`,
      );
    }
    if (typeof raw !== 'string') throw badFilter(key, `筛选条件“${filter.label}”只能取一个值`);
    const value = raw.trim();
    if (value === '') continue;
    if (filter.values) {
      const code = filter.values.includes(value)
        ? value
        : Object.entries(filter.valueLabels ?? {}).find(
            ([c, label]) => label === value && filter.values?.includes(c),
          )?.[0];
      if (!code) {
        const allowed = filter.values.map((v) => filter.valueLabels?.[v] ?? v).join('、');
        throw badFilter(key, `筛选条件“${filter.label}”的取值“${value}”无效，可选：${allowed}`);
      }
      out[key] = code;
    } else {
      if (value.length > 100) throw badFilter(key, `筛选条件“${filter.label}”不能超过 100 个字符`);
      out[key] = value;
    }
  }
  return out;
}

/**
 * The query checked against the metric: valid paths, valid dates (the period dropped for a snapshot),
 * declared filters. A period that ends before it starts is empty, not an error: a target whose period
 * has not begun simply counts 0 (the HTTP routes refuse such a period from a user).
 */
export function checkQuery(def: CatalogMetric, q: MetricQuery): MetricQuery {
  for (const p of q.orgPaths) if (!orgPathPattern.test(p)) throw new Error(`not an org path: ${p}`);
  for (const [field, d] of [
    ['from', q.from],
    ['to', q.to],
  ] as const) {
    if (d != null && !isDate(d)) {
      const message = '日期格式应为 YYYY-MM-DD';
      throw new AppError('metrics/bad_period', [{ field, message }], message);
    }
  }
  return {
    orgPaths: [...new Set(q.orgPaths)],
    from: def.periodic ? (q.from ?? null) : null,
    to: def.periodic ? (q.to ?? null) : null,
    filters: checkFilters(def, q.filters),
  };
}

/** The metric's value for every requested subtree (0 where nothing is counted), in one query. */
export async function computeMetric(db: DbOrTx, code: string, q: MetricQuery): Promise<Map<string, number>> {
  const def = requireMetric(code);
  const checked = checkQuery(def, q);
  if (checked.orgPaths.length === 0) return new Map();
  const values = await def.compute(db, checked);
  return new Map(checked.orgPaths.map((p) => [p, values.get(p) ?? 0]));
}

/** One keyset page of the records behind the metric's value for one subtree (`q.orgPaths` has one path). */
export function metricRecords(
  db: DbOrTx,
  code: string,
  q: MetricQuery,
  page: { cursor?: string; limit: number },
): Promise<MetricRecords> {
  const def = requireMetric(code);
  const checked = checkQuery(def, q);
  if (checked.orgPaths.length !== 1) throw new Error('records are listed for exactly one org path');
  const limit = Math.min(Math.max(Math.trunc(page.limit), 1), 200);
  return def.records(db, checked, { cursor: page.cursor, limit });
}
