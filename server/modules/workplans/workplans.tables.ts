import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { AssignmentMode, DocumentStatus, DocumentType } from '../../../shared/schemas/workplans';
import type { ReportStatus } from '../../../shared/schemas/workplans.reports';
import { storedFileColumns } from '../../db/columns';
import { orgs } from '../orgs/orgs.tables';

/** A figure of a plan (target value, allotment, achievement): counts and 万元 with decimals. */
const figure = (name: string) => numeric(name, { precision: 18, scale: 4, mode: 'number' });

/**
 * A document of a federation (工作要点, 主题活动通知, 实施意见 …): its header and text, then sections and
 * tasks. Drafts are seen by the issuer only; publishing sends the tasks to their orgs.
 */
export const workplanDocuments = pgTable(
  'workplan_documents',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    type: text().$type<DocumentType>().notNull(),
    docNumber: text('doc_number'),
    title: text().notNull(),
    issuerOrgId: integer('issuer_org_id')
      .notNull()
      .references(() => orgs.id),
    issuerPath: text('issuer_path').notNull(),
    issuerName: text('issuer_name').notNull(),
    issuedDate: date('issued_date', { mode: 'string' }),
    recipients: jsonb().$type<string[]>().notNull(),
    preamble: text().notNull(),
    fullText: text('full_text').notNull(),
    attachments: jsonb().$type<{ title: string; text: string }[]>().notNull(),
    status: text().$type<DocumentStatus>().notNull().default('draft'),
    createdBy: integer('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    publishedBy: integer('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('workplan_documents_issuer_idx').using('btree', t.issuerPath.op('text_pattern_ops'), t.id)],
);

/** A 一、 section, with its （一） group headings. */
export const workplanSections = pgTable(
  'workplan_sections',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    documentId: bigint('document_id', { mode: 'number' })
      .notNull()
      .references(() => workplanDocuments.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    number: text().notNull(),
    title: text().notNull(),
    content: text().notNull(),
    groups: jsonb().$type<{ number: string; title: string; content: string }[]>().notNull(),
  },
  (t) => [index('workplan_sections_document_idx').on(t.documentId, t.position)],
);

/** A numbered task: schedule, departments, where it goes. */
export const workplanTasks = pgTable(
  'workplan_tasks',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    documentId: bigint('document_id', { mode: 'number' })
      .notNull()
      .references(() => workplanDocuments.id, { onDelete: 'cascade' }),
    sectionId: bigint('section_id', { mode: 'number' })
      .notNull()
      .references(() => workplanSections.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    groupNumber: text('group_number'),
    number: text().notNull(),
    title: text().notNull(),
    content: text().notNull(),
    startMonth: text('start_month'),
    endMonth: text('end_month'),
    leadDepartments: jsonb('lead_departments').$type<string[]>().notNull(),
    cooperatingUnits: jsonb('cooperating_units').$type<string[]>().notNull(),
    assignmentMode: text('assignment_mode').$type<AssignmentMode>().notNull(),
    assignmentOrgIds: jsonb('assignment_org_ids').$type<number[]>().notNull(),
  },
  (t) => [index('workplan_tasks_document_idx').on(t.documentId, t.position)],
);

/** A numeric target of a task: reported by the units, or bound to a catalog metric. */
export const workplanTargets = pgTable(
  'workplan_targets',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    documentId: bigint('document_id', { mode: 'number' })
      .notNull()
      .references(() => workplanDocuments.id, { onDelete: 'cascade' }),
    taskId: bigint('task_id', { mode: 'number' })
      .notNull()
      .references(() => workplanTasks.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    metric: text().notNull(),
    unit: text().notNull(),
    value: figure('value').notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    metricCode: text('metric_code'),
    milestones: jsonb().$type<{ date: string; share: number }[]>().notNull(),
  },
  (t) => [index('workplan_targets_task_idx').on(t.taskId, t.position)],
);

/**
 * An org a task was sent to. Published tasks reach their orgs here; an org that splits its allotment
 * among its children adds assignments for them (parent_org_id is the splitting org).
 */
export const workplanAssignments = pgTable(
  'workplan_assignments',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    documentId: bigint('document_id', { mode: 'number' })
      .notNull()
      .references(() => workplanDocuments.id, { onDelete: 'cascade' }),
    taskId: bigint('task_id', { mode: 'number' })
      .notNull()
      .references(() => workplanTasks.id, { onDelete: 'cascade' }),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    parentOrgId: integer('parent_org_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('workplan_assignments_task_org_uq').on(t.taskId, t.orgId),
    index('workplan_assignments_path_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.taskId),
    index('workplan_assignments_document_idx').on(t.documentId),
  ],
);

/** The share of a target an org carries (set by the issuer, or by the parent org that split its own). */
export const workplanAllotments = pgTable(
  'workplan_allotments',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    documentId: bigint('document_id', { mode: 'number' })
      .notNull()
      .references(() => workplanDocuments.id, { onDelete: 'cascade' }),
    targetId: bigint('target_id', { mode: 'number' })
      .notNull()
      .references(() => workplanTargets.id, { onDelete: 'cascade' }),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    parentOrgId: integer('parent_org_id'),
    value: figure('value').notNull(),
  },
  (t) => [
    uniqueIndex('workplan_allotments_target_org_uq').on(t.targetId, t.orgId),
    index('workplan_allotments_document_idx').on(t.documentId),
  ],
);

/** A progress report of an org on a task (and one of its targets), reviewed by the lead department. */
export const workplanReports = pgTable(
  'workplan_reports',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    documentId: bigint('document_id', { mode: 'number' })
      .notNull()
      .references(() => workplanDocuments.id, { onDelete: 'cascade' }),
    taskId: bigint('task_id', { mode: 'number' })
      .notNull()
      .references(() => workplanTasks.id, { onDelete: 'cascade' }),
    targetId: bigint('target_id', { mode: 'number' }).references(() => workplanTargets.id, { onDelete: 'cascade' }),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    /** The achievement this report adds (an increment, not a running total). */
    value: figure('value'),
    narrative: text().notNull(),
    reportDate: date('report_date', { mode: 'string' }).notNull(),
    status: text().$type<ReportStatus>().notNull().default('submitted'),
    reviewComment: text('review_comment'),
    reviewedBy: integer('reviewed_by'),
    reviewerName: text('reviewer_name'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    createdBy: integer('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // Covers the figures' sums: each target's reports are read from the index alone, in path order.
    index('workplan_reports_sums_idx').on(t.documentId, t.targetId, t.orgPath, t.status, t.value),
    index('workplan_reports_path_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.id),
    index('workplan_reports_task_idx').on(t.taskId, t.id),
  ],
);

/** Evidence of a report (photos, documents), kept in the database so backups hold them. */
export const workplanFiles = pgTable(
  'workplan_files',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    reportId: bigint('report_id', { mode: 'number' })
      .notNull()
      .references(() => workplanReports.id, { onDelete: 'cascade' }),
    ...storedFileColumns(),
  },
  (t) => [index('workplan_files_report_idx').on(t.reportId)],
);

/** Supervision (督查) comments on a task, optionally about one unit. */
export const workplanComments = pgTable(
  'workplan_comments',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    documentId: bigint('document_id', { mode: 'number' })
      .notNull()
      .references(() => workplanDocuments.id, { onDelete: 'cascade' }),
    taskId: bigint('task_id', { mode: 'number' })
      .notNull()
      .references(() => workplanTasks.id, { onDelete: 'cascade' }),
    orgId: integer('org_id').references(() => orgs.id),
    body: text().notNull(),
    authorId: integer('author_id').notNull(),
    authorName: text('author_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('workplan_comments_task_idx').on(t.taskId, t.id)],
);
