import type { DraftGroup, DraftSection, DraftTask } from '../../../shared/schemas/workplans.draft';
import { type DepartmentBlock, parseDepartmentBlock } from './workplans.parse.departments';
import { parseMonthPhrase, TIME_WORDS } from './workplans.parse.months';
import { extractTargets } from './workplans.parse.targets';
import {
  DEPARTMENT_LABEL,
  DEPARTMENT_LINE,
  firstSentence,
  GROUP_LINE,
  SECTION_LINE,
  TASK_LINE,
  tidy,
} from './workplans.parse.text';

type Item =
  | { kind: 'section'; number: string; title: string }
  | { kind: 'group'; number: string; title: string }
  | { kind: 'task'; number: string; text: string }
  | { kind: 'departments'; block: DepartmentBlock }
  | { kind: 'text'; text: string };

/** A task while its section is read: departments may still arrive from a block below it. */
interface TaskBuilder {
  number: string;
  group: string | null;
  lines: string[];
  lead: string[];
  cooperating: string[];
  /** Named its own departments inline, so a block below it is not for it. */
  named: boolean;
}

/** State carried across sections: the year a month without one belongs to, and the warnings so far. */
interface BodyContext {
  year: number | null;
  warnings: string[];
}

export interface Body {
  preamble: string;
  sections: DraftSection[];
  warnings: string[];
}

function classify(line: string): Item {
  const section = SECTION_LINE.exec(line);
  if (section) return { kind: 'section', number: section[1] as string, title: tidy(section[2] as string) };
  const group = GROUP_LINE.exec(line);
  if (group) return { kind: 'group', number: `（${group[1]}）`, title: (group[2] as string).trim() };
  const task = TASK_LINE.exec(line);
  if (task) return { kind: 'task', number: task[1] as string, text: (task[2] as string).trim() };
  const block = DEPARTMENT_LINE.test(line) ? parseDepartmentBlock(line) : null;
  if (block) return { kind: 'departments', block };
  return { kind: 'text', text: line };
}

/**
 * Reads the body: the preamble above the first 一、 section, then each section with its （一） groups and
 * numbered tasks. In a section without numbered tasks the （一） items are the tasks, unless the section
 * only frames the work (总体要求, 保障措施 …).
 */
export function readBody(lines: string[], defaultYear: number | null): Body {
  const items = lines.map(classify);
  const ctx: BodyContext = { year: defaultYear, warnings: [] };
  let firstSection = items.findIndex((item) => item.kind === 'section');
  if (firstSection < 0 && items.some((item) => item.kind === 'task')) {
    // Tasks without sections: keep them under one untitled section rather than lose them.
    ctx.warnings.push('未找到“一、”式的部分标题，全部任务归入一个未命名部分');
    firstSection = items.findIndex((item) => item.kind === 'task');
    items.splice(firstSection, 0, { kind: 'section', number: '', title: '' });
  }
  const preambleItems = firstSection < 0 ? items : items.slice(0, firstSection);
  const sections: DraftSection[] = [];
  if (firstSection >= 0) {
    let from = firstSection;
    while (from < items.length) {
      const next = items.findIndex((item, i) => i > from && item.kind === 'section');
      const to = next < 0 ? items.length : next;
      sections.push(readSection(items[from] as Item & { kind: 'section' }, items.slice(from + 1, to), ctx));
      from = to;
    }
  }
  const preamble = preambleItems.map(itemText).filter((text) => text !== '');
  return { preamble: preamble.join('\n'), sections, warnings: ctx.warnings };
}

function itemText(item: Item): string {
  if (item.kind === 'text' || item.kind === 'task') return item.text;
  if (item.kind === 'departments') return '';
  return `${item.number}${item.title}`;
}

// Sections that frame the work rather than assign it: their （一） items are measures, not tasks to track.
const FRAMING_SECTION = /^(总体要求|指导思想|基本原则|工作原则|保障措施|工作要求|有关要求|组织保障|组织领导|工作保障)$/;

function readSection(heading: { number: string; title: string }, items: Item[], ctx: BodyContext): DraftSection {
  const groupsAreTasks = !FRAMING_SECTION.test(heading.title) && !items.some((item) => item.kind === 'task');
  const reader = new SectionReader(heading.number, ctx);
  for (const item of items) {
    if (item.kind === 'group' && groupsAreTasks) reader.task(item.number, item.title);
    else if (item.kind === 'group') reader.group(item.number, item.title);
    else if (item.kind === 'task') reader.task(item.number, item.text);
    else if (item.kind === 'departments') reader.departments(item.block);
    else if (item.kind === 'text') reader.text(item.text);
  }
  return { number: heading.number, title: heading.title, ...reader.finish() };
}

/** Reads one section's items in order, tracking which tasks a department block below them names. */
class SectionReader {
  private readonly content: string[] = [];
  private readonly groups: Array<DraftGroup & { lines: string[] }> = [];
  private readonly tasks: TaskBuilder[] = [];
  private open: TaskBuilder | null = null;
  /** Tasks since the last department block: the next block names them. */
  private pending: TaskBuilder[] = [];
  /**
   * What the block just read named, for its second line (协同单位 below 牵头部门): tasks above it, or
   * 'above' when it stands above its tasks; null when the previous item was no block.
   */
  private lastNamed: TaskBuilder[] | 'above' | null = null;
  /** A block above the tasks of its group, naming the tasks that follow. */
  private unclaimed: { block: DepartmentBlock; used: boolean } | null = null;

  constructor(
    private readonly sectionNumber: string,
    private readonly ctx: BodyContext,
  ) {}

  group(number: string, line: string): void {
    this.warnUnclaimed();
    // "（一）加强领导，汇聚合力。各级工会要…": a heading and its text on one line.
    const [title, rest] = firstSentence(line);
    this.groups.push({ number, title: tidy(title), content: '', lines: rest === '' ? [] : [rest] });
    this.open = null;
    this.pending = [];
    this.lastNamed = null;
    this.unclaimed = null;
  }

  task(number: string, line: string): void {
    const task: TaskBuilder = {
      number,
      group: this.groups.at(-1)?.number ?? null,
      lines: [],
      lead: [],
      cooperating: [],
      named: false,
    };
    addLine(task, line);
    if (this.unclaimed) {
      applyBlock([task], this.unclaimed.block);
      this.unclaimed.used = true;
    }
    this.tasks.push(task);
    this.pending.push(task);
    this.open = task;
    this.lastNamed = null;
  }

  departments(block: DepartmentBlock): void {
    const previous = this.lastNamed;
    if (previous === 'above' || (previous === null && this.pending.length === 0)) {
      const earlier = previous === 'above' ? (this.unclaimed?.block ?? null) : null;
      this.unclaimed = { block: mergeBlocks(earlier, block), used: false };
      this.lastNamed = 'above';
    } else {
      const named = previous ?? this.pending.filter((task) => !task.named);
      if (named.length > 0) applyBlock(named, block);
      else if (previous === null) this.ctx.warnings.push(this.unmatchedWarning());
      this.lastNamed = named;
    }
    this.pending = [];
    this.open = null;
  }

  text(line: string): void {
    this.lastNamed = null;
    if (this.open) addLine(this.open, line);
    else (this.groups.at(-1)?.lines ?? this.content).push(line);
  }

  finish(): Pick<DraftSection, 'content' | 'groups' | 'tasks'> {
    this.warnUnclaimed();
    return {
      content: this.content.join('\n'),
      groups: this.groups.map(({ lines, ...group }) => ({ ...group, content: lines.join('\n') })),
      tasks: this.tasks.map((builder) => finishTask(builder, this.sectionNumber, this.ctx)),
    };
  }

  private warnUnclaimed(): void {
    if (this.unclaimed && !this.unclaimed.used) this.ctx.warnings.push(this.unmatchedWarning());
  }

  private unmatchedWarning(): string {
    return `第${this.sectionNumber}部分有一处牵头部门或协同单位没有对应到任务，请核对`;
  }
}

function addLine(task: TaskBuilder, line: string): void {
  const { text, block } = takeInlineDepartments(line);
  task.lines.push(text);
  if (block) {
    applyBlock([task], block);
    task.named = true;
  }
}

function applyBlock(tasks: TaskBuilder[], block: DepartmentBlock): void {
  for (const task of tasks) {
    task.lead = unique([...task.lead, ...(block.lead ?? [])]);
    task.cooperating = unique([...task.cooperating, ...(block.cooperating ?? [])]);
  }
}

function mergeBlocks(a: DepartmentBlock | null, b: DepartmentBlock): DepartmentBlock {
  return {
    lead: unique([...(a?.lead ?? []), ...(b.lead ?? [])]),
    cooperating: unique([...(a?.cooperating ?? []), ...(b.cooperating ?? [])]),
  };
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

/** Builds the draft task: title and months from its first sentence, content, and the targets of both. */
function finishTask(builder: TaskBuilder, sectionNumber: string, ctx: BodyContext): DraftTask {
  const [first = '', ...more] = builder.lines;
  const [sentence, rest] = firstSentence(first);
  const { title, phrase } = takeTimePhrase(sentence);
  const span = phrase ? parseMonthPhrase(phrase, ctx.year) : { startMonth: null, endMonth: null, warning: null };
  const draft: DraftTask = {
    number: builder.number,
    group: builder.group,
    title: tidy(title),
    content: [rest, ...more].filter((line) => line !== '').join('\n'),
    startMonth: span.startMonth,
    endMonth: span.endMonth,
    leadDepartments: builder.lead,
    cooperatingUnits: builder.cooperating,
    targets: [],
  };
  draft.targets = extractTargets([draft.title, draft.content].filter(Boolean).join('。'));
  if (span.warning) ctx.warnings.push(`${taskRef(sectionNumber, draft)}：${span.warning}`);
  const known = span.startMonth ?? span.endMonth;
  if (known) ctx.year = Number(known.slice(0, 4));
  return draft;
}

const PARENTHESIS = /[（(]([^（）()]*)[）)]/g;

// "开展…活动（2018年9月起）": the first parenthesis that reads as a time is the schedule, not the title.
function takeTimePhrase(sentence: string): { title: string; phrase: string | null } {
  for (const m of sentence.matchAll(PARENTHESIS)) {
    if (!TIME_WORDS.test(m[1] ?? '')) continue;
    return { title: sentence.slice(0, m.index) + sentence.slice(m.index + m[0].length), phrase: m[1] ?? '' };
  }
  return { title: sentence, phrase: null };
}

// "…。（牵头部门：组织部；协同单位：各县区总工会）" or "…。牵头部门：组织部" inside the task's own text.
function takeInlineDepartments(line: string): { text: string; block: DepartmentBlock | null } {
  for (const m of line.matchAll(PARENTHESIS)) {
    const block = parseDepartmentBlock(m[1] ?? '');
    if (block) return { text: (line.slice(0, m.index) + line.slice(m.index + m[0].length)).trim(), block };
  }
  const at = line.search(DEPARTMENT_LABEL);
  if (at <= 0) return { text: line, block: null };
  return { text: line.slice(0, at).trim(), block: parseDepartmentBlock(line.slice(at)) };
}

/** How the review screen names a task: 任务3“开展…” for numbered tasks, 第四部分（一）“…” for the others. */
export function taskRef(sectionNumber: string, task: Pick<DraftTask, 'number' | 'title'>): string {
  const title = [...task.title].length > 20 ? `${[...task.title].slice(0, 20).join('')}…` : task.title;
  return /^\d+$/.test(task.number) ? `任务${task.number}“${title}”` : `第${sectionNumber}部分${task.number}“${title}”`;
}
