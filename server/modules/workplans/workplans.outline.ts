import type { ParseResponse } from '../../../shared/schemas/workplans';
import type { DraftDocument, DraftTask } from '../../../shared/schemas/workplans.draft';

type Outline = ParseResponse['sections'];

/** Names in the order they first appear, each once. */
function unique(lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}

function outlineSection(number: string, title: string, tasks: DraftTask[]): Outline[number] {
  return {
    number,
    title,
    leadDepartments: unique(tasks.map((t) => t.leadDepartments)),
    cooperatingUnits: unique(tasks.map((t) => t.cooperatingUnits)),
    tasks: tasks.map((t) => ({
      no: t.number,
      title: t.title,
      startMonth: t.startMonth,
      endMonth: t.endMonth,
      targets: t.targets.map(({ value, unit, metric }) => ({ value, unit, metric })),
    })),
  };
}

/**
 * The sections of a draft that hold tasks, as a reader of the notice counts them: where a 一、 section
 * groups its numbered tasks under （一） headings, each group is a section (seed 000: the four groups
 * of 三、活动内容); otherwise the 一、 section itself (seed 004). Framing sections without tasks
 * (总体要求, 保障措施 …) are left out. Departments are those of the section's tasks, in order.
 */
export function draftOutline(draft: DraftDocument): Outline {
  return draft.sections.flatMap((section) => {
    if (section.tasks.length === 0) return [];
    const grouped = section.groups.filter((g) => section.tasks.some((t) => t.group === g.number));
    if (grouped.length === 0) return [outlineSection(section.number, section.title, section.tasks)];
    const loose = section.tasks.filter((t) => !grouped.some((g) => g.number === t.group));
    return [
      ...(loose.length ? [outlineSection(section.number, section.title, loose)] : []),
      ...grouped.map((g) =>
        outlineSection(
          g.number,
          g.title,
          section.tasks.filter((t) => t.group === g.number),
        ),
      ),
    ];
  });
}

/** The answer of POST /api/documents/parse: the outline and the full draft, nothing saved. */
export function parseAnswer(draft: DraftDocument): ParseResponse {
  return {
    type: draft.type,
    docNumber: draft.docNumber,
    title: draft.title,
    issuer: draft.issuer,
    date: draft.issuedDate,
    recipients: draft.recipients,
    sections: draftOutline(draft),
    warnings: draft.warnings,
    draft,
  };
}
