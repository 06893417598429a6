import { isoDate, z } from './common';

/** Kinds of notice the platform turns into a work plan, with their Chinese labels. */
export const documentTypes = {
  work_plan: '工作要点',
  campaign: '主题活动通知',
  implementation_opinion: '实施意见',
  other: '其他',
} as const;
export type DocumentType = keyof typeof documentTypes;
const documentTypeCodes = Object.keys(documentTypes) as [DocumentType, ...DocumentType[]];

/** A calendar month as `YYYY-MM`, the granularity notices schedule tasks at. */
export const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM' });

/** One numeric target of a task, e.g. 1000 名 班组长 trained. */
export const draftTarget = z.object({
  metric: z.string().max(100).describe('a short Chinese name of what is counted, e.g. 再就业培训'),
  unit: z.string().max(10).describe('场次, 名, 人次, 家, 个, 项, 万元, % …'),
  value: z.number().nonnegative().describe('Chinese magnitudes applied: 5万人次 is 50000'),
  text: z.string().max(500).describe('the phrase of the notice the target was read from'),
});

/** A numbered task (or activity) of a section. */
export const draftTask = z.object({
  number: z.string().max(10).describe("as written, without punctuation: '1' or '（一）'"),
  group: z.string().max(10).nullable().describe('number of the （一） sub-heading the task sits under'),
  title: z.string().max(500),
  content: z.string().max(50_000),
  startMonth: yearMonth.nullable(),
  endMonth: yearMonth.nullable(),
  leadDepartments: z.array(z.string().max(100)),
  cooperatingUnits: z.array(z.string().max(100)),
  targets: z.array(draftTarget),
});

/** A （一） sub-heading grouping the numbered tasks of a section, with its introductory text. */
export const draftGroup = z.object({
  number: z.string().max(10),
  title: z.string().max(500),
  content: z.string().max(50_000),
});

/** A 一、 section of the notice. */
export const draftSection = z.object({
  number: z.string().max(10).describe("the Chinese numeral, e.g. '三'"),
  title: z.string().max(500),
  content: z.string().max(50_000).describe('text of the section that belongs to no task or group'),
  groups: z.array(draftGroup),
  tasks: z.array(draftTask),
});

export const draftAttachment = z.object({
  title: z.string().max(500),
  text: z.string().max(200_000),
});

/** What the parser reads out of a pasted notice; the user reviews and corrects it before publishing. */
export const draftDocument = z.object({
  type: z.enum(documentTypeCodes),
  docNumber: z.string().max(100).nullable().describe('文号, e.g. 通工发〔2018〕34号'),
  title: z.string().max(500).nullable(),
  issuer: z.string().max(200).nullable(),
  issuedDate: isoDate.nullable(),
  recipients: z.array(z.string().max(200)).describe('主送, split at the top-level commas'),
  preamble: z.string().max(50_000).describe('the text between the recipients and the first section'),
  sections: z.array(draftSection),
  attachments: z.array(draftAttachment),
  fullText: z.string().max(500_000),
  warnings: z.array(z.string()).describe('in Chinese, for the review screen'),
});

export type DraftTarget = z.infer<typeof draftTarget>;
export type DraftTask = z.infer<typeof draftTask>;
export type DraftGroup = z.infer<typeof draftGroup>;
export type DraftSection = z.infer<typeof draftSection>;
export type DraftAttachment = z.infer<typeof draftAttachment>;
export type DraftDocument = z.infer<typeof draftDocument>;
