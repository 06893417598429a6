import {
  metricCodeParams,
  metricList,
  metricQueryKeys,
  metricRecordsQuery,
  metricRecordsResponse,
  metricValueQuery,
  metricValueResponse,
} from '../../shared/schemas/metrics';
import type { App } from '../app';
import type { Ctx } from '../context';
import { audit } from '../modules/audit/audit.service';
import { getOrgInScope } from '../modules/orgs/orgs.queries';
import { AppError } from '../plugins/errors';
import { pathInScope, scopeFor } from '../plugins/scope';
import { type CatalogMetric, checkQuery, computeMetric, listMetrics, metricRecords, requireMetric } from './index';
import type { MetricQuery } from './types';

const tags = ['统计指标'];

/** A metric as the catalog page lists it. */
function toMetricView(def: CatalogMetric) {
  return {
    code: def.code,
    name: def.name,
    unit: def.unit,
    description: def.description,
    periodic: def.periodic,
    filters: def.filters.map((f) => ({
      key: f.key,
      label: f.label,
      ...(f.values
        ? { values: [...f.values], options: f.values.map((v) => ({ value: v, label: f.valueLabels?.[v] ?? v })) }
        : {}),
    })),
  };
}

/**
 * The org (in the caller's `orgs.read` scope, else 404; default their own) and the metric query of a
 * request: every query parameter that is not the org, the period or paging is a filter.
 */
async function queryOf(ctx: Ctx, query: { orgId?: number; from?: string; to?: string } & Record<string, unknown>) {
  if (query.from && query.to && query.from > query.to) {
    throw new AppError('metrics/bad_period', [{ field: 'from', message: '开始日期不能晚于结束日期' }]);
  }
  const org = await getOrgInScope(ctx.db, ctx.scope, query.orgId ?? ctx.actor.orgId);
  // A repeated parameter arrives as an array; the catalog refuses anything but one string per filter.
  const rest = Object.entries(query).filter(([k]) => !metricQueryKeys.includes(k));
  const filters = Object.fromEntries(rest) as MetricQuery['filters'];
  const q: MetricQuery = { orgPaths: [org.path], from: query.from ?? null, to: query.to ?? null, filters };
  return { org, q };
}

/** The metric catalog: definitions, a value for an org subtree and period, and the records behind it. */
export async function metricRoutes(app: App) {
  app.get(
    '/api/metrics',
    {
      schema: { tags, summary: '统计指标目录（编码、名称、单位、口径、筛选条件）', response: { 200: metricList } },
      config: { access: 'authenticated' },
    },
    () => ({ items: listMetrics().map(toMetricView) }),
  );

  app.get(
    '/api/metrics/:code/value',
    {
      schema: {
        tags,
        summary: '指标数值（某组织及其下级，统计期间与筛选条件）',
        params: metricCodeParams,
        querystring: metricValueQuery,
        response: { 200: metricValueResponse },
      },
      config: { access: 'orgs.read' },
    },
    async (req) => {
      const { ctx } = req;
      const def = requireMetric(req.params.code);
      const { org, q } = await queryOf(ctx, req.query);
      // Echo the query as the catalog applies it: a snapshot has no period, filter labels become codes.
      const applied = checkQuery(def, q);
      const values = await computeMetric(ctx.db, def.code, applied);
      return {
        code: def.code,
        name: def.name,
        unit: def.unit,
        orgId: org.id,
        orgName: org.name,
        from: applied.from,
        to: applied.to,
        filters: applied.filters ?? {},
        value: values.get(org.path) ?? 0,
      };
    },
  );

  app.get(
    '/api/metrics/:code/records',
    {
      schema: {
        tags,
        summary: '指标明细（构成数值的记录，分页）',
        params: metricCodeParams,
        querystring: metricRecordsQuery,
        response: { 200: metricRecordsResponse },
      },
      config: { access: 'orgs.read' },
    },
    async (req) => {
      const { ctx } = req;
      const def = requireMetric(req.params.code);
      const { org, q } = await queryOf(ctx, req.query);
      if (def.recordsPermission && !pathInScope(org.path, scopeFor(ctx.actor, def.recordsPermission))) {
        throw new AppError('auth/forbidden');
      }
      const applied = checkQuery(def, q);
      const page = await metricRecords(ctx.db, def.code, applied, { cursor: req.query.cursor, limit: req.query.limit });
      if (def.personal) {
        // Names of members are personal data: who listed them is audited, like a roster search.
        await audit(ctx, {
          action: 'metrics.records',
          targetType: 'org',
          targetId: org.id,
          targetName: org.name,
          orgPath: org.path,
          details: {
            metric: def.code,
            from: applied.from,
            to: applied.to,
            filters: applied.filters,
            results: page.rows.length,
          },
        });
      }
      return page;
    },
  );
}
