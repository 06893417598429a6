/** Metrics of work plans: documents sent down, and progress reports made by units. */
import { and, desc, eq, like, type SQL, sql } from 'drizzle-orm';
import { documentStatuses, documentTypes } from '../../shared/schemas/workplans';
import { type ReportStatus, reportStatuses } from '../../shared/schemas/workplans.reports';
import { orgs } from '../modules/orgs/orgs.tables';
import { workplanDocuments, workplanReports, workplanTasks } from '../modules/workplans/workplans.tables';
import type { CatalogMetric } from './catalog';
import { aggregateBySubtree, chinaDay, chinaMinute, countWhere, inPeriod, newestFirst, onePath } from './sql';
import type { MetricQuery } from './types';

const reportStatusCodes = Object.keys(reportStatuses) as ReportStatus[];

/** Reports of the query's period and status filter. */
function reportsWhere(q: MetricQuery): SQL {
  const status = q.filters?.status;
  return sql`${inPeriod(workplanReports.reportDate, q)} and ${status ? sql`${workplanReports.status} = ${status}` : sql`true`}`;
}

/** 进度填报: progress reports made by the units of a subtree, dated in the period. */
const reports: CatalogMetric = {
  code: 'workplans.reports',
  name: '进度填报',
  unit: '次',
  description: '统计期间内（按填报日期）各单位就工作任务填报进度的次数，按填报单位归入组织树；可按审核状态筛选。',
  periodic: true,
  filters: [{ key: 'status', label: '审核状态', values: reportStatusCodes, valueLabels: reportStatuses }],
  recordsPermission: 'workplans.read',
  compute: (db, q) =>
    aggregateBySubtree(
      db,
      q,
      workplanReports,
      workplanReports.orgPath,
      sql`count(${workplanReports.id})::int`,
      reportsWhere(q),
    ),
  async records(db, q, page) {
    const where = and(like(workplanReports.orgPath, `${onePath(q)}%`), reportsWhere(q));
    const { items, nextCursor, total } = await newestFirst(
      page,
      workplanReports.id,
      (olderThan, limit) =>
        db
          .select({
            id: workplanReports.id,
            document: workplanDocuments.title,
            taskNumber: workplanTasks.number,
            taskTitle: workplanTasks.title,
            org: orgs.name,
            value: workplanReports.value,
            reportDate: workplanReports.reportDate,
            status: workplanReports.status,
            createdByName: workplanReports.createdByName,
          })
          .from(workplanReports)
          .innerJoin(workplanDocuments, eq(workplanDocuments.id, workplanReports.documentId))
          .innerJoin(workplanTasks, eq(workplanTasks.id, workplanReports.taskId))
          .innerJoin(orgs, eq(orgs.id, workplanReports.orgId))
          .where(and(where, olderThan))
          .orderBy(desc(workplanReports.id))
          .limit(limit),
      () => countWhere(db, workplanReports, where),
    );
    return {
      columns: [
        { key: 'document', title: '文件' },
        { key: 'task', title: '任务' },
        { key: 'org', title: '填报单位' },
        { key: 'value', title: '完成数' },
        { key: 'reportDate', title: '填报日期' },
        { key: 'status', title: '审核状态' },
        { key: 'createdByName', title: '填报人' },
      ],
      rows: items.map((r) => ({
        id: r.id,
        document: r.document,
        task: `${r.taskNumber}. ${r.taskTitle}`,
        org: r.org,
        value: r.value,
        reportDate: r.reportDate,
        status: reportStatuses[r.status],
        createdByName: r.createdByName,
      })),
      nextCursor,
      total,
    };
  },
};

const publishedDay = chinaDay(workplanDocuments.publishedAt);

function publishedWhere(q: MetricQuery): SQL {
  return sql`${workplanDocuments.status} <> 'draft' and ${inPeriod(publishedDay, q)}`;
}

/** 下发工作文件: documents published by the federations of a subtree in the period. */
const documents: CatalogMetric = {
  code: 'workplans.documents',
  name: '下发工作文件',
  unit: '件',
  description: '统计期间内（按发布日期）组织树内各级工会发布的工作要点、活动通知等工作文件数量，按发文单位归入组织树。',
  periodic: true,
  filters: [],
  recordsPermission: 'workplans.read',
  compute: (db, q) =>
    aggregateBySubtree(
      db,
      q,
      workplanDocuments,
      workplanDocuments.issuerPath,
      sql`count(${workplanDocuments.id})::int`,
      publishedWhere(q),
    ),
  async records(db, q, page) {
    const where = and(like(workplanDocuments.issuerPath, `${onePath(q)}%`), publishedWhere(q));
    const { items, nextCursor, total } = await newestFirst(
      page,
      workplanDocuments.id,
      (olderThan, limit) =>
        db
          .select({
            id: workplanDocuments.id,
            docNumber: workplanDocuments.docNumber,
            title: workplanDocuments.title,
            type: workplanDocuments.type,
            issuerName: workplanDocuments.issuerName,
            publishedAt: workplanDocuments.publishedAt,
            status: workplanDocuments.status,
          })
          .from(workplanDocuments)
          .where(and(where, olderThan))
          .orderBy(desc(workplanDocuments.id))
          .limit(limit),
      () => countWhere(db, workplanDocuments, where),
    );
    return {
      columns: [
        { key: 'docNumber', title: '文号' },
        { key: 'title', title: '标题' },
        { key: 'type', title: '类型' },
        { key: 'issuerName', title: '发文单位' },
        { key: 'publishedAt', title: '发布时间' },
        { key: 'status', title: '状态' },
      ],
      rows: items.map((r) => ({
        id: r.id,
        docNumber: r.docNumber,
        title: r.title,
        type: documentTypes[r.type],
        issuerName: r.issuerName,
        publishedAt: chinaMinute(r.publishedAt),
        status: documentStatuses[r.status],
      })),
      nextCursor,
      total,
    };
  },
};

export const workplanMetrics: CatalogMetric[] = [documents, reports];
