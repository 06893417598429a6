import dayjs, { type Dayjs } from 'dayjs';
import type { AssignmentMode, DocumentInput, DocumentType } from '../../../../shared/schemas/workplans';
import type { DocumentView } from '../../../api/workplans';

type InputSection = DocumentInput['sections'][number];
type InputTask = InputSection['tasks'][number];
type InputTarget = InputTask['targets'][number];

/** A target as the review form edits it: dates as dayjs, figures possibly still empty. */
export interface TargetValues {
  metric: string;
  unit: InputTarget['unit'] | undefined;
  value: number | null;
  dueDate: Dayjs | null;
  metricCode: string | null;
  /** 序时节点: by this date this percentage of the target should be done. */
  milestones: { date: Dayjs | null; percent: number | null }[];
  allotments: { orgId: number | undefined; value: number | null }[];
}

export interface TaskValues {
  number: string;
  group: string | null;
  title: string;
  content: string;
  startMonth: Dayjs | null;
  endMonth: Dayjs | null;
  leadDepartments: string[];
  cooperatingUnits: string[];
  assignment: { mode: AssignmentMode; orgIds: number[] };
  targets: TargetValues[];
}

export interface SectionValues {
  number: string;
  title: string;
  content: string;
  groups: InputSection['groups'];
  tasks: TaskValues[];
}

/** The review form's values; the full text, preamble and attachments travel beside the form. */
export interface EditorValues {
  type: DocumentType;
  docNumber: string | null;
  title: string;
  issuedDate: Dayjs | null;
  recipients: string[];
  sections: SectionValues[];
}

/** What the form does not show but the document keeps. */
export type EditorExtras = Pick<DocumentInput, 'preamble' | 'fullText' | 'attachments'>;

const month = (v: string | null | undefined) => (v ? dayjs(`${v}-01`) : null);
const day = (v: string | null | undefined) => (v ? dayjs(v) : null);

/** The form's values for a document (a parsed draft or a saved one). */
export function toEditorValues(input: DocumentInput): EditorValues {
  return {
    type: input.type,
    docNumber: input.docNumber,
    title: input.title,
    issuedDate: day(input.issuedDate),
    recipients: input.recipients,
    sections: input.sections.map((s) => ({
      number: s.number,
      title: s.title,
      content: s.content,
      groups: s.groups,
      tasks: s.tasks.map((task) => ({
        number: task.number,
        group: task.group,
        title: task.title,
        content: task.content,
        startMonth: month(task.startMonth),
        endMonth: month(task.endMonth),
        leadDepartments: task.leadDepartments,
        cooperatingUnits: task.cooperatingUnits,
        assignment: { mode: task.assignment.mode, orgIds: task.assignment.orgIds },
        targets: task.targets.map((g) => ({
          metric: g.metric,
          unit: g.unit,
          value: g.value,
          dueDate: day(g.dueDate),
          metricCode: g.metricCode,
          milestones: g.milestones.map((m) => ({ date: day(m.date), percent: Math.round(m.share * 1000) / 10 })),
          allotments: g.allotments.map((a) => ({ orgId: a.orgId, value: a.value })),
        })),
      })),
    })),
  };
}

const trimmed = (list: string[] | undefined) => (list ?? []).map((v) => v.trim()).filter(Boolean);

/**
 * The document the form stands for, exactly as the API takes it; empty figures stay NaN-free so the
 * endpoint's own schema names the field that is missing.
 */
export function toDocumentInput(values: EditorValues, extras: EditorExtras): DocumentInput {
  return {
    type: values.type,
    docNumber: values.docNumber?.trim() || null,
    title: values.title?.trim() ?? '',
    issuedDate: values.issuedDate?.format('YYYY-MM-DD') ?? null,
    recipients: trimmed(values.recipients),
    preamble: extras.preamble,
    fullText: extras.fullText,
    attachments: extras.attachments,
    sections: (values.sections ?? []).map((s) => ({
      number: s.number ?? '',
      title: s.title?.trim() ?? '',
      content: s.content ?? '',
      groups: s.groups ?? [],
      tasks: (s.tasks ?? []).map((task) => ({
        number: task.number?.trim() ?? '',
        group: task.group ?? null,
        title: task.title?.trim() ?? '',
        content: task.content ?? '',
        startMonth: task.startMonth?.format('YYYY-MM') ?? null,
        endMonth: task.endMonth?.format('YYYY-MM') ?? null,
        leadDepartments: trimmed(task.leadDepartments),
        cooperatingUnits: trimmed(task.cooperatingUnits),
        assignment: {
          mode: task.assignment?.mode ?? 'counties',
          orgIds: task.assignment?.mode === 'counties' ? [] : (task.assignment?.orgIds ?? []),
        },
        targets: (task.targets ?? []).map((g) => ({
          metric: g.metric?.trim() ?? '',
          unit: g.unit as InputTarget['unit'],
          value: g.value as number,
          dueDate: g.dueDate?.format('YYYY-MM-DD') ?? null,
          metricCode: g.metricCode ?? null,
          milestones: (g.milestones ?? [])
            .filter((m) => m.date && m.percent !== null)
            .map((m) => ({ date: (m.date as Dayjs).format('YYYY-MM-DD'), share: (m.percent as number) / 100 })),
          allotments: (g.allotments ?? [])
            .filter((a) => a.orgId !== undefined || a.value !== null)
            .map((a) => ({ orgId: a.orgId as number, value: a.value as number })),
        })),
      })),
    })),
  };
}

/** A saved document as the form's input (for editing a draft). */
export function documentInputFromView(doc: DocumentView): DocumentInput {
  return {
    type: doc.type,
    docNumber: doc.docNumber,
    title: doc.title,
    issuedDate: doc.issuedDate,
    recipients: doc.recipients,
    preamble: doc.preamble,
    fullText: doc.fullText,
    attachments: doc.attachments,
    sections: doc.sections.map((s) => ({
      number: s.number,
      title: s.title,
      content: s.content,
      groups: s.groups,
      tasks: s.tasks.map((task) => ({
        number: task.number,
        group: task.group,
        title: task.title,
        content: task.content,
        startMonth: task.startMonth,
        endMonth: task.endMonth,
        leadDepartments: task.leadDepartments,
        cooperatingUnits: task.cooperatingUnits,
        assignment: task.assignment,
        targets: task.targets.map((g) => ({
          metric: g.metric,
          unit: g.unit as InputTarget['unit'],
          value: g.value,
          dueDate: g.dueDate,
          metricCode: g.metricCode,
          milestones: g.milestones,
          allotments: g.allotments.map((a) => ({ orgId: a.orgId, value: a.value })),
        })),
      })),
    })),
  };
}

/** Counts for the summary line: sections, tasks and targets of a document. */
export function outlineCounts(input: DocumentInput) {
  const tasks = input.sections.flatMap((s) => s.tasks);
  return {
    sections: input.sections.filter((s) => s.tasks.length > 0).length,
    tasks: tasks.length,
    targets: tasks.reduce((sum, task) => sum + task.targets.length, 0),
  };
}

/** An empty task appended by 添加任务. */
export function blankTask(number: string): TaskValues {
  return {
    number,
    group: null,
    title: '',
    content: '',
    startMonth: null,
    endMonth: null,
    leadDepartments: [],
    cooperatingUnits: [],
    assignment: { mode: 'counties', orgIds: [] },
    targets: [],
  };
}

/** An empty target appended by 添加目标. */
export function blankTarget(): TargetValues {
  return {
    metric: '',
    unit: undefined,
    value: null,
    dueDate: null,
    metricCode: null,
    milestones: [],
    allotments: [],
  };
}
