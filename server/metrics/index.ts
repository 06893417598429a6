/**
 * The full metric catalog. Import metrics from here (not from ./catalog) so every module's definitions
 * are registered. A module adds its metrics in `server/metrics/<module>.metrics.ts` (exporting a list)
 * and one argument to the call below.
 */
import { assistanceMetrics } from './assistance.metrics';
import { registerMetrics } from './catalog';
import { hardshipMetrics } from './hardship.metrics';
import { memberMetrics } from './members.metrics';
import { orgMetrics } from './orgs.metrics';
import { recuperationMetrics } from './recuperation.metrics';
import { visitMetrics } from './visits.metrics';
import { workplanMetrics } from './workplans.metrics';

registerMetrics(
  orgMetrics,
  memberMetrics,
  workplanMetrics,
  visitMetrics,
  recuperationMetrics,
  hardshipMetrics,
  assistanceMetrics,
);

export {
  type CatalogFilter,
  type CatalogMetric,
  checkQuery,
  computeMetric,
  listMetrics,
  metricByCode,
  metricRecords,
  registerMetric,
  requireMetric,
} from './catalog';
export type { MetricDefinition, MetricFilter, MetricQuery, MetricRecords } from './types';
