/**
 * Work plans (工作部署): a document of the federation broken into numbered tasks with targets, sent to
 * orgs, reported on through the tree, reviewed by the lead department and followed on schedule.
 */
import { idSchema, isoDate, pageOf, pageQuery, text, timestamp, z } from './common';
import { type DocumentType, documentTypes, draftDocument, yearMonth } from './workplans.draft';

export { type DocumentType, documentTypes };

const documentTypeCodes = Object.keys(documentTypes) as [DocumentType, ...DocumentType[]];

export const documentStatuses = { draft: '草稿', published: '已发布', closed: '已结束' } as const;
export type DocumentStatus = keyof typeof documentStatuses;
const documentStatusCodes = Object.keys(documentStatuses) as [DocumentStatus, ...DocumentStatus[]];

/**
 * Where a task goes: every union one level below the issuer (its county, town or industry federations:
 * the 各县（市）区、产业工会 a notice is addressed to), a chosen list, or a whole subtree.
 */
export const assignmentModes = {
  counties: '全部下一级工会（县区、产业工会等）',
  orgs: '指定单位',
  subtree: '某单位及其全部下级',
} as const;
export type AssignmentMode = keyof typeof assignmentModes;
const assignmentModeCodes = Object.keys(assignmentModes) as [AssignmentMode, ...AssignmentMode[]];

export const progressStatuses = {
  done: '已完成',
  ahead: '超前',
  on_schedule: '序时推进',
  behind: '滞后',
  overdue: '逾期',
  not_started: '未开始',
} as const;
export type ProgressStatus = keyof typeof progressStatuses;
export const progressStatusCodes = Object.keys(progressStatuses) as [ProgressStatus, ...ProgressStatus[]];

/** Units a target may be counted in (the parser's and the usual ones of union work). */
export const targetUnits = [
  '场次',
  '场',
  '次',
  '名',
  '人',
  '人次',
  '户',
  '家',
  '个',
  '所',
  '条',
  '项',
  '件',
  '篇',
  '期',
  '班',
  '支',
  '批',
  '处',
  '座',
  '套',
  '台',
  '位',
  '元',
  '万元',
  '%',
] as const;

/** A figure of a plan (target, allotment, achievement): not negative, not absurd. */
export const planFigure = z
  .number({ error: '请输入数值' })
  .finite({ error: '请输入数值' })
  .nonnegative({ error: '不能为负数' })
  .max(1e12, { error: '数值过大' });

/** A share of a target's value expected by a date (序时进度的节点). */
export const milestone = z.strictObject({ date: isoDate, share: z.number().min(0).max(1) });

export const targetInput = z.strictObject({
  metric: text(100),
  unit: z.enum(targetUnits, { error: '请选择计量单位' }),
  value: planFigure.refine((v) => v > 0, { error: '目标值必须大于 0' }),
  dueDate: isoDate.nullable().default(null),
  /** null: units report achievements; otherwise the code of a catalog metric computed from records. */
  metricCode: z.string().max(60).nullable().default(null),
  milestones: z.array(milestone).max(24).default([]),
  /** Optional allotment per assigned org (e.g. 1,000 team leaders split across the counties). */
  allotments: z
    .array(z.strictObject({ orgId: idSchema, value: planFigure }))
    .max(5000)
    .default([]),
});

export const taskInput = z.strictObject({
  number: text(10),
  title: text(500),
  content: z.string().max(50_000).default(''),
  startMonth: yearMonth.nullable().default(null),
  endMonth: yearMonth.nullable().default(null),
  leadDepartments: z.array(text(100)).max(20).default([]),
  cooperatingUnits: z.array(text(100)).max(50).default([]),
  assignment: z
    .strictObject({ mode: z.enum(assignmentModeCodes), orgIds: z.array(idSchema).max(5000).default([]) })
    .default({ mode: 'counties', orgIds: [] }),
  targets: z.array(targetInput).max(50).default([]),
});

export const sectionInput = z.strictObject({
  number: z.string().max(10).default(''),
  title: text(500),
  content: z.string().max(50_000).default(''),
  /** The （一） heading the section's tasks sit under, if any (kept for the layout of the report). */
  groups: z
    .array(z.strictObject({ number: z.string().max(10), title: text(500), content: z.string().max(50_000) }))
    .max(50)
    .default([]),
  tasks: z.array(taskInput.extend({ group: z.string().max(10).nullable().default(null) })).max(200),
});

/** A document as the review screen saves it (a draft until published). */
export const documentInput = z.strictObject({
  type: z.enum(documentTypeCodes),
  docNumber: z.string().trim().max(100).nullable().default(null),
  title: text(500),
  issuedDate: isoDate.nullable().default(null),
  recipients: z.array(text(200)).max(50).default([]),
  preamble: z.string().max(50_000).default(''),
  fullText: z.string().max(500_000).default(''),
  sections: z.array(sectionInput).max(50),
  attachments: z
    .array(z.strictObject({ title: text(500), text: z.string().max(200_000) }))
    .max(20)
    .default([]),
});
export type DocumentInput = z.infer<typeof documentInput>;

/** Paste and parse: the text of a notice. */
export const parseBody = z.strictObject({
  text: z
    .string({ error: '请粘贴通知全文' })
    .max(500_000, { error: '文字过长（超过 50 万字）' })
    .refine((t) => t.trim().length > 0, { error: '请粘贴通知全文' }),
});

/** A section as the parse answer lists it: one that holds tasks, with the departments of its tasks. */
export const parsedSection = z.object({
  number: z.string().describe('（一） of a group, 三 of a section'),
  title: z.string().describe('the heading text without its numbering'),
  leadDepartments: z.array(z.string()),
  cooperatingUnits: z.array(z.string()),
  tasks: z.array(
    z.object({
      no: z.string(),
      title: z.string(),
      startMonth: yearMonth.nullable(),
      endMonth: yearMonth.nullable(),
      targets: z.array(z.object({ value: z.number(), unit: z.string(), metric: z.string() })),
    }),
  ),
});

/**
 * The parse answer, not saved: the compact outline (the sections that hold tasks — a （一） group with
 * numbered tasks counts as a section) and the full draft the review screen edits.
 */
export const parseResponse = z.object({
  type: z.enum(documentTypeCodes),
  docNumber: z.string().nullable(),
  title: z.string().nullable(),
  issuer: z.string().nullable(),
  date: isoDate.nullable(),
  recipients: z.array(z.string()),
  sections: z.array(parsedSection),
  warnings: z.array(z.string()),
  draft: draftDocument,
});
export type ParseResponse = z.infer<typeof parseResponse>;

export const documentListQuery = z.strictObject({
  ...pageQuery,
  q: z.string().trim().max(100).optional(),
  status: z.enum(documentStatusCodes).optional(),
  type: z.enum(documentTypeCodes).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const documentSummary = z.object({
  id: z.number().int(),
  type: z.enum(documentTypeCodes),
  docNumber: z.string().nullable(),
  title: z.string(),
  issuerOrgId: z.number().int(),
  issuerName: z.string(),
  issuedDate: isoDate.nullable(),
  status: z.enum(documentStatusCodes),
  taskCount: z.number().int(),
  publishedAt: timestamp.nullable(),
  updatedAt: timestamp,
});
export const documentPage = pageOf(documentSummary);

export const targetView = z.object({
  id: z.number().int(),
  metric: z.string(),
  unit: z.string(),
  value: z.number(),
  dueDate: isoDate.nullable(),
  metricCode: z.string().nullable(),
  milestones: z.array(milestone),
  allotments: z.array(z.object({ orgId: z.number().int(), orgName: z.string(), value: z.number() })),
});

export const taskView = z.object({
  id: z.number().int(),
  sectionId: z.number().int(),
  group: z.string().nullable(),
  number: z.string(),
  title: z.string(),
  content: z.string(),
  startMonth: yearMonth.nullable(),
  endMonth: yearMonth.nullable(),
  leadDepartments: z.array(z.string()),
  cooperatingUnits: z.array(z.string()),
  assignment: z.object({ mode: z.enum(assignmentModeCodes), orgIds: z.array(z.number().int()) }),
  assignedOrgs: z.array(z.object({ id: z.number().int(), name: z.string() })),
  targets: z.array(targetView),
});

export const documentView = documentSummary.extend({
  recipients: z.array(z.string()),
  preamble: z.string(),
  fullText: z.string(),
  sections: z.array(
    z.object({
      id: z.number().int(),
      number: z.string(),
      title: z.string(),
      content: z.string(),
      groups: z.array(z.object({ number: z.string(), title: z.string(), content: z.string() })),
      tasks: z.array(taskView),
    }),
  ),
  attachments: z.array(z.object({ title: z.string(), text: z.string() })),
  /** What the caller may do with it. */
  can: z.object({ edit: z.boolean(), publish: z.boolean(), close: z.boolean(), review: z.boolean() }),
});
export type DocumentView = z.infer<typeof documentView>;

/** One target's progress for one org (its own reports and its subtree's), against the schedule. */
export const progressCell = z.object({
  targetId: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  /** The org's share of the target: its allotment, or the whole value for a target without allotments. */
  goal: z.number(),
  actual: z.number(),
  pending: z.number().describe('reported and not yet reviewed (included in actual)'),
  expectedShare: z.number(),
  actualShare: z.number(),
  status: z.enum(progressStatusCodes),
  reports: z.number().int(),
});
export type ProgressCell = z.infer<typeof progressCell>;

export const dashboardView = z.object({
  document: documentSummary,
  asOf: isoDate,
  totals: z.record(z.enum(progressStatusCodes), z.number().int()),
  tasks: z.array(
    z.object({
      taskId: z.number().int(),
      number: z.string(),
      title: z.string(),
      leadDepartments: z.array(z.string()),
      targets: z.array(
        z.object({
          targetId: z.number().int(),
          metric: z.string(),
          unit: z.string(),
          value: z.number(),
          actual: z.number(),
          expectedShare: z.number(),
          actualShare: z.number(),
          status: z.enum(progressStatusCodes),
          byOrg: z.array(progressCell),
        }),
      ),
    }),
  ),
  behindByDepartment: z.array(
    z.object({
      department: z.string(),
      units: z.array(
        z.object({
          orgId: z.number().int(),
          orgName: z.string(),
          taskId: z.number().int(),
          taskNumber: z.string(),
          targetId: z.number().int(),
          metric: z.string(),
          status: z.enum(progressStatusCodes),
        }),
      ),
    }),
  ),
});
export type DashboardView = z.infer<typeof dashboardView>;

/** The query of a document's progress exports (.xlsx, .docx): the dashboard's drill-down, nothing more. */
export const progressExportQuery = z.strictObject({
  orgId: idSchema.optional().describe('export the children this org split its share among'),
});

type Draft = z.infer<typeof draftDocument>;
const knownUnits: readonly string[] = targetUnits;

/**
 * The document a parsed draft becomes before the user corrects it: tasks go to every county
 * federation by default; a target whose unit is not one of ours keeps its text in the metric name.
 */
export function documentInputFromDraft(draft: Draft): DocumentInput {
  return {
    type: draft.type,
    docNumber: draft.docNumber,
    title: draft.title ?? '（未识别标题）',
    issuedDate: draft.issuedDate,
    recipients: draft.recipients,
    preamble: draft.preamble,
    fullText: draft.fullText,
    attachments: draft.attachments,
    sections: draft.sections.map((s) => ({
      number: s.number,
      title: s.title,
      content: s.content,
      groups: s.groups,
      tasks: s.tasks.map((t) => ({
        number: t.number,
        group: t.group,
        title: t.title,
        content: t.content,
        startMonth: t.startMonth,
        endMonth: t.endMonth,
        leadDepartments: t.leadDepartments,
        cooperatingUnits: t.cooperatingUnits,
        assignment: { mode: 'counties' as const, orgIds: [] },
        targets: t.targets
          .filter((g) => g.value > 0)
          .map((g) => ({
            metric: (knownUnits.includes(g.unit) ? g.metric : `${g.metric}（${g.unit}）`).slice(0, 100) || '完成数',
            unit: (knownUnits.includes(g.unit) ? g.unit : '个') as (typeof targetUnits)[number],
            value: g.value,
            dueDate: null,
            metricCode: null,
            milestones: [],
            allotments: [],
          })),
      })),
    })),
  };
}
