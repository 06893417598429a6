import { idSchema, isoDate, pageQuery, z } from './common';

export const metricFilterView = z.object({
  key: z.string(),
  label: z.string().describe('Chinese label'),
  values: z.array(z.string()).optional().describe('the allowed values (codes), when a fixed list'),
  options: z
    .array(z.object({ value: z.string(), label: z.string() }))
    .optional()
    .describe('the allowed values with their Chinese labels'),
});

export const metricView = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  description: z.string(),
  periodic: z.boolean().describe('false: a snapshot, the period does not apply'),
  filters: z.array(metricFilterView),
});

export const metricList = z.object({ items: z.array(metricView) });

export const metricCodeParams = z.strictObject({ code: z.string().min(1).max(100) });

const periodFields = {
  orgId: idSchema.optional().describe('default: the caller’s own org'),
  from: isoDate.optional().describe('inclusive, China date'),
  to: isoDate.optional().describe('inclusive, China date'),
};

/** Any other query parameter is one of the metric's filters (e.g. `category=courier`); unknown ones answer 400. */
export const metricValueQuery = z.looseObject(periodFields);

export const metricRecordsQuery = z.looseObject({ ...periodFields, ...pageQuery });

/** The query parameters that are not filters. */
export const metricQueryKeys: readonly string[] = ['orgId', 'from', 'to', 'cursor', 'limit'];

export const metricValueResponse = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  from: z.string().nullable().describe('null: unbounded, or a snapshot metric'),
  to: z.string().nullable(),
  filters: z.record(z.string(), z.string()).describe('the filters applied (values as codes)'),
  value: z.number(),
});

export const metricRecordsResponse = z.object({
  columns: z.array(z.object({ key: z.string(), title: z.string() })),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});
