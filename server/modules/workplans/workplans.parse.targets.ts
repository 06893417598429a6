import type { DraftTarget } from '../../../shared/schemas/workplans.draft';
import { parseChineseNumber, toHalfWidth } from './workplans.parse.numbers';
import { insideQuotes, splitConjunction, splitTopLevel } from './workplans.parse.text';

/** Measure words a target is counted in, longest first so 人次 wins over 人 and 场次 over 场. */
export const TARGET_UNITS = [
  '人次',
  '场次',
  '万元',
  '亿元',
  '元',
  '名',
  '人',
  '位',
  '户',
  '家',
  '个',
  '所',
  '座',
  '条',
  '项',
  '件',
  '篇',
  '期',
  '班',
  '支',
  '批',
  '场',
  '次',
  '处',
  '套',
  '台',
] as const;

const PERSON_UNITS = new Set(['名', '人', '位', '人次']);

const ARABIC = '\\d+(?:,\\d{3})*(?:\\.\\d+)?[余多]?[万亿千百]?';
const CHINESE = '[零〇一二两三四五六七八九十百千万亿]+';
const NUMBER = `(?:${ARABIC}|${CHINESE})`;
// A range such as 3-5名 or 3至5名: the lower bound is the figure the union commits to.
const COUNT = new RegExp(
  `(${NUMBER})(?:\\s*(?:[-—~～]|至|到)\\s*${NUMBER})?[余多]?\\s*(${TARGET_UNITS.join('|')})`,
  'g',
);
const PERCENT = new RegExp(`(?:(\\d+(?:\\.\\d+)?)\\s*%|百分之(${CHINESE}))`, 'g');
// 评选十大“创新成果”: a top-ten list, counted as items.
const TOP_LIST = new RegExp(`(${NUMBER})大“([^”]+)”`, 'g');

// Where a phrase of a target ends: a clause break, or a 、 that starts the next counted item.
const PHRASE_END = new RegExp(`[，。；：,;:！？!?（(《》\\n\\d]|、(?=${NUMBER})`);
const CLAUSE_START = /[，。；：、,;:！？!?）)\n]/;

// The heads of the activities targets count; "主题宣讲和基层巡演" splits into two only at such heads.
const ACTIVITY_HEAD =
  /(培训|宣讲|巡演|竞赛|大赛|比赛|讲坛|讲座|评选|演练|展演|展览|慰问|帮扶|救助|体检|服务|交流|展示|调研|检查|观影|疗休养|事迹|活动)$/;
// People a target counts, when the phrase after the number names them first ("1000名班组长…培训").
const ROLE_NOUNS =
  /^(班组长|先进人物|先进典型|劳动模范|劳模|工匠|技能人才|监督员|检查员|信息员|通讯员|工会干部|职工代表|困难职工|农民工|女职工|会员|志愿者|专职工会干事)/;
const PEOPLE_QUALIFIER = /^.*?(职工|员工|人员|干部|群众)(?=.{2,}$)/;
const VERB_PREFIX = /^(全年|年内|累计|共计|共|新增|完成|力争|确保|全市|每年|每月|组织|开展|举办)+/;
const VERB_SUFFIX = /(达到|达|不少于|不低于|超过|突破|提高到|提升至|提高至|保持在|在|为|至|到|约|近|逾|超)+$/;
const PHASE_CONTEXT = /(铁路|公路|工程|项目|线|园区|大桥|地铁)$/;
const DURATION = /^(月|小时|星期|工作日|季度|年头)/;

/** A number the patterns found, before its metric is known. */
interface Hit {
  at: number;
  end: number;
  unit: string;
  value: number;
  /** Set when the pattern itself names what is counted (十大“创新成果”). */
  metric?: string;
  /** Percentages are named by the words before them ("整改率达到90%"). */
  namedBefore: boolean;
}

/**
 * Finds every numeric target of a sentence: counts with a measure word (10场次, 2万名, 3000余人), money
 * (436万元), percentages (整改率达到90%) and top-ten lists (十大“创新成果”). Numbers inside quotation marks
 * (slogans such as “一个龙头、三个先锋”), ordinals (第六届), meeting numbers (十二届六次), the article 一
 * (一支队伍) and idioms (千家万户) are not targets.
 */
export function extractTargets(sentence: string): DraftTarget[] {
  const text = toHalfWidth(sentence);
  const hits = [...countHits(text), ...percentHits(text), ...topListHits(text)].sort((a, b) => a.at - b.at);
  const targets: DraftTarget[] = [];
  hits.forEach((hit, i) => {
    const previous = hits[i - 1];
    const target = targetOf(sentence, text, hit, previous?.end ?? 0, hits[i + 1]?.at ?? text.length);
    // "帮扶救助困难职工2045人次220多万元": a figure right after another counts the same thing in another unit.
    if (target.metric === '' && previous?.end === hit.at) target.metric = targets.at(-1)?.metric ?? '';
    targets.push({ ...target, metric: target.metric || hit.unit });
  });
  return targets;
}

function countHits(text: string): Hit[] {
  return [...text.matchAll(COUNT)].flatMap((m) => {
    const numberText = m[1] ?? '';
    let unit: string = m[2] ?? '';
    let value = parseChineseNumber(numberText);
    if (value === null || !isCount(text, m.index, m.index + m[0].length, numberText, unit)) return [];
    // 436万元 stays in 万元 (the unit budgets are written in); 1.5亿元 becomes 15000 万元.
    if (unit === '亿元') [unit, value] = ['万元', value * 10_000];
    else if (unit === '元' && /[万亿]/.test(numberText)) [unit, value] = ['万元', value / 10_000];
    return [{ at: m.index, end: m.index + m[0].length, unit, value, namedBefore: false }];
  });
}

function percentHits(text: string): Hit[] {
  return [...text.matchAll(PERCENT)].flatMap((m) => {
    const value = m[1] !== undefined ? Number(m[1]) : parseChineseNumber(m[2] ?? '');
    if (value === null || insideQuotes(text, m.index)) return [];
    return [{ at: m.index, end: m.index + m[0].length, unit: '%', value, namedBefore: true }];
  });
}

function topListHits(text: string): Hit[] {
  return [...text.matchAll(TOP_LIST)].flatMap((m) => {
    const value = parseChineseNumber(m[1] ?? '');
    if (value === null || insideQuotes(text, m.index)) return [];
    const hit: Hit = {
      at: m.index,
      end: m.index + m[0].length,
      unit: '项',
      value,
      metric: m[2] ?? '',
      namedBefore: false,
    };
    return [hit];
  });
}

// The words after the number name what is counted ("10场次送教上门培训"); when there are none, or for a
// percentage, the words before it do ("培训职工5万人次", "整改率达到90%"). Neither side reaches into the
// phrase of a neighbouring target.
function targetOf(original: string, text: string, hit: Hit, floor: number, ceiling: number): DraftTarget {
  const { at, end, unit, value } = hit;
  if (hit.metric !== undefined) return { metric: hit.metric, unit, value, text: original.slice(at, end) };
  const after = hit.namedBefore ? '' : phraseAfter(text, end, ceiling);
  const named = cleanAfter(after);
  // One character after the unit ("15期共") is a particle or a verb, not a name.
  if ([...named].length >= 2) {
    return { metric: metricAfter(named, unit), unit, value, text: original.slice(at, end + after.length) };
  }
  const before = phraseBefore(text, at, floor);
  return { metric: cleanBefore(before), unit, value, text: original.slice(at - before.length, end) };
}

/** Rules out numbers that are not counts of anything the union does. */
function isCount(text: string, at: number, end: number, numberText: string, unit: string): boolean {
  const previous = text[at - 1] ?? '';
  const next = text.slice(end, end + 3);
  if (insideQuotes(text, at)) return false;
  if (previous === '第' || previous === '届') return false;
  // Chinese numerals glued to a preceding numeral are the tail of a bigger one the pattern skipped.
  if (/[零〇一二两三四五六七八九十百千万亿\d]/.test(previous)) return false;
  // 一支队伍 / 一批典型 use 一 as an article; 千家万户 and 千方百计 are idioms.
  if (/^[一千万百亿]$/.test(numberText)) return false;
  // 三四个小时 / 五六名: two digits side by side are an estimate, not a figure.
  if (/^[零〇一二两三四五六七八九]{2,}$/.test(numberText)) return false;
  // 三个月 is a duration; 52.38万户外劳动者 counts outdoor workers, not households.
  if (unit === '个' && DURATION.test(next)) return false;
  if (unit === '户' && next.startsWith('外')) return false;
  if (unit === '期' && PHASE_CONTEXT.test(text.slice(Math.max(0, at - 4), at))) return false;
  return true;
}

function phraseAfter(text: string, from: number, ceiling: number): string {
  // "示范点1家、最美职工书屋1家": a list separator right after the unit means the name came before.
  if (text[from] === '、') return '';
  const rest = text.slice(from);
  const stop = rest.search(PHRASE_END);
  return rest.slice(0, Math.min(stop < 0 ? rest.length : stop, ceiling - from));
}

function phraseBefore(text: string, to: number, floor: number): string {
  let start = to;
  while (start > floor && !CLAUSE_START.test(text[start - 1] as string)) start--;
  return text.slice(start, to);
}

function cleanAfter(after: string): string {
  return after
    .trim()
    .replace(/^(以上|左右|的|共计|共|累计)+/, '')
    .replace(/(活动|工作|等)+$/, '');
}

function cleanBefore(before: string): string {
  return before.trim().replace(VERB_PREFIX, '').replace(VERB_SUFFIX, '');
}

/**
 * The short name of what a count counts, from the words after the number: the last item of a list that
 * shares its head ("A、B、C主题宣讲" → the head), the first of two joined activities, the people when the
 * unit counts people and they come first, else the activity without its audience or its topic.
 */
function metricAfter(phrase: string, unit: string): string {
  const lastItem = splitTopLevel(phrase, '、').at(-1) ?? phrase;
  const first = splitConjunction(lastItem, ACTIVITY_HEAD)[0] ?? lastItem;
  const role = ROLE_NOUNS.exec(first)?.[1];
  if (role && PERSON_UNITS.has(unit) && (first === role || ACTIVITY_HEAD.test(first))) return role;
  if (!ACTIVITY_HEAD.test(first)) return first;
  const withoutAudience = first.replace(PEOPLE_QUALIFIER, '');
  const withoutTopic = withoutAudience.replace(/^.*(主题|专题)(?=.{2,}$)/, '');
  return withoutTopic.replace(/(事迹|活动)$/, '') || withoutTopic;
}
