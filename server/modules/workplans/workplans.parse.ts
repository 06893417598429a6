import type { DraftDocument, DraftSection, DraftTask } from '../../../shared/schemas/workplans.draft';
import { readBody, taskRef } from './workplans.parse.body';
import { attachmentsStart, documentTypeOf, readAttachments, readFooter, readHeader } from './workplans.parse.header';
import { normalizeLines } from './workplans.parse.text';

export { splitDepartments } from './workplans.parse.departments';
export { parseMonthPhrase } from './workplans.parse.months';
export { parseChineseNumber } from './workplans.parse.numbers';
export { extractTargets } from './workplans.parse.targets';

/**
 * Reads a pasted notice (通知, 工作要点, 实施意见) into a draft work plan: header, sections, numbered tasks with
 * months, departments and numeric targets. Pure; what it had to guess is listed in `warnings` (Chinese)
 * for the review screen, where the user corrects the draft before publishing.
 */
export function parseNotice(text: string): DraftDocument {
  const lines = normalizeLines(text);
  const header = readHeader(lines);
  const footer = readFooter(lines, header.bodyStart);
  const attachmentsAt = attachmentsStart(lines, header.bodyStart, footer.bodyEnd);
  const issuedYear = footer.issuedDate ? Number(footer.issuedDate.slice(0, 4)) : null;
  const titleYear = /(\d{4})\s*年/.exec(header.title ?? '')?.[1];
  const body = readBody(
    lines.slice(header.bodyStart, attachmentsAt),
    issuedYear ?? (titleYear ? Number(titleYear) : null),
  );
  const draft: DraftDocument = {
    type: documentTypeOf(header.title),
    docNumber: header.docNumber,
    title: header.title,
    issuer: footer.signature ?? header.masthead,
    issuedDate: footer.issuedDate,
    recipients: header.recipients,
    preamble: body.preamble,
    sections: body.sections,
    attachments: readAttachments(lines.slice(attachmentsAt, footer.bodyEnd)),
    fullText: lines.join('\n'),
    warnings: [],
  };
  draft.warnings = [...headerWarnings(draft), ...body.warnings, ...taskWarnings(draft.sections)];
  return draft;
}

function headerWarnings(draft: DraftDocument): string[] {
  const missing: Array<[unknown, string]> = [
    [draft.title, '未找到文件标题，请补充'],
    [draft.docNumber, '未找到文号，如有请补充'],
    [draft.issuer, '未找到发文单位，请补充'],
    [draft.issuedDate, '未找到成文日期，请补充'],
    [draft.recipients.length > 0, '未找到主送单位，请补充'],
    [draft.type !== 'other', '未能从标题判断文件类型，请选择'],
    [draft.sections.length > 0, '未找到“一、”式的部分标题，请检查粘贴的是否为完整正文'],
  ];
  return missing.filter(([value]) => !value).map(([, warning]) => warning);
}

/** A field most notices give every task; when no task has it, one warning says so instead of one per task. */
const TASK_CHECKS: Array<{ label: string; lacks: (task: DraftTask) => boolean }> = [
  { label: '起止月份', lacks: (task) => task.startMonth === null && task.endMonth === null },
  { label: '牵头部门', lacks: (task) => task.leadDepartments.length === 0 },
];

// 约5万, 3000余, 220多万, 以上, 左右, and ranges such as 3-5名.
const APPROXIMATE =
  /约\s*[\d一二两三四五六七八九十]|[\d一二两三四五六七八九十百千万][余多]|以上|左右|\d\s*[-—~～至到]\s*\d/;

function taskWarnings(sections: DraftSection[]): string[] {
  const tasks = sections.flatMap((section) => section.tasks.map((task) => ({ section: section.number, task })));
  if (tasks.length === 0) return sections.length > 0 ? ['未识别出编号任务，请手工添加'] : [];
  const everywhere = TASK_CHECKS.filter((check) => tasks.every(({ task }) => check.lacks(task)));
  const warnings = everywhere.map((check) => `全部${tasks.length}项任务均未写明${check.label}，请审核时补充`);
  for (const { section, task } of tasks) {
    const lacking = TASK_CHECKS.filter((check) => !everywhere.includes(check) && check.lacks(task));
    if (lacking.length > 0) {
      warnings.push(`${taskRef(section, task)}：未写明${lacking.map((check) => check.label).join('、')}`);
    }
    for (const target of task.targets) {
      if (APPROXIMATE.test(target.text)) {
        warnings.push(`${taskRef(section, task)}：目标“${target.text}”为约数或区间，已取${target.value}，请核对`);
      }
    }
  }
  if (tasks.every(({ task }) => task.targets.length === 0)) warnings.push('未从任务中识别出数值目标，如有请手工添加');
  return [...warnings, ...numberingWarnings(tasks.map(({ task }) => task.number))];
}

// A gap in 1, 2, 3… usually means a numbered line the parser did not see as a task (numbering may restart
// at 1 in each section).
function numberingWarnings(numbers: string[]): string[] {
  const warnings: string[] = [];
  let previous: number | null = null;
  for (const number of numbers.filter((n) => /^\d+$/.test(n)).map(Number)) {
    if (previous !== null && number !== previous + 1 && number !== 1) {
      warnings.push(`任务编号不连续：${previous}之后是${number}，请检查是否有任务未识别`);
    }
    previous = number;
  }
  return warnings;
}
