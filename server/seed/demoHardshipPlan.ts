import type {
  ConsentMethod,
  HardshipCause,
  HardshipLevel,
  HealthState,
  HouseholdRelation,
  ResolveReason,
} from '../../shared/schemas/hardship';
import { addDays, nextYear } from '../modules/hardship/hardship.queries';
import type { StoredHouseholdMember } from '../modules/hardship/hardship.tables';
import type { rng } from './random';

type Rng = ReturnType<typeof rng>;

/** A member to file, with what the file copies from the member record. */
export interface FileMember {
  id: number;
  orgId: number;
  orgPath: string;
  name: string;
  birthDate: string;
  joinedDate: string;
  mobileEnc: string | null;
  mobileMasked: string | null;
  place: string;
  contactName: string | null;
}

/** One planned file: the row and the story around it (consent, reviews, resolution). */
export interface PlannedFile {
  member: FileMember;
  level: HardshipLevel;
  causes: HardshipCause[];
  causeOther: string | null;
  household: StoredHouseholdMember[];
  householdSize: number;
  address: string;
  filedOn: string;
  consent: { method: ConsentMethod; consentedOn: string } | null;
  reviews: { reviewedOn: string; levelAfter: HardshipLevel; comment: string }[];
  resolved: { on: string; reason: ResolveReason; note: string | null } | null;
}

const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

function weighted<T>(r: Rng, table: [T, number][]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let roll = r.next() * total;
  for (const [value, w] of table) {
    roll -= w;
    if (roll < 0) return value;
  }
  return table[0]?.[0] as T;
}

const causeWeights: [HardshipCause, number][] = [
  ['illness', 34],
  ['disability', 12],
  ['schooling', 20],
  ['unemployment', 12],
  ['disaster', 4],
  ['accident', 11],
  ['other', 7],
];
const otherCauses = ['单亲家庭', '赡养多位老人', '房屋拆迁过渡', '家庭成员服刑'];
const roads = ['人民路', '长江路', '解放路', '黄海路', '北京路', '秀山路', '珠江路', '通源路', '青年路'];
const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚华辉玲燕红梅斌鹏宇浩波琴云峰俊亮婷雪飞鑫'.split('');
const jobs = ['务农', '灵活就业', '个体经营', '无业', '企业职工', '退休'];
const comments = [
  '入户核实，家庭收入无明显变化，维持原等级。',
  '经走访核实，困难情况仍然存在。',
  '家庭成员仍在治疗，继续在档帮扶。',
];

/** A plausible household for a member: self, spouse, children or parents; incomes in fen. */
function household(r: Rng, m: FileMember, size: number, level: HardshipLevel, causes: HardshipCause[], today: string) {
  const age = Number(today.slice(0, 4)) - Number(m.birthDate.slice(0, 4));
  const surname = m.name.slice(0, 1);
  const sick: HealthState = causes.includes('disability') ? 'disabled' : level === 'deep' ? 'serious' : 'chronic';
  const people: { relation: HouseholdRelation; name: string; age: number }[] = [
    { relation: 'self', name: m.name, age },
  ];
  if (size >= 2)
    people.push({
      relation: 'spouse',
      name: `${r.pick(given)}${r.pick(given)}`,
      age: age - 2 + Math.floor(r.next() * 5),
    });
  for (let i = people.length; i < size; i++) {
    const child = i < 4 || age < 45;
    people.push(
      child
        ? {
            relation: 'child',
            name: `${surname}${r.pick(given)}${r.pick(given)}`,
            age: Math.max(1, age - 22 - Math.floor(r.next() * 10)),
          }
        : {
            relation: 'parent',
            name: `${surname}${r.pick(given)}${r.pick(given)}`,
            age: Math.min(98, age + 24 + Math.floor(r.next() * 6)),
          },
    );
  }
  const sickIndex =
    causes.includes('illness') || causes.includes('disability') ? Math.floor(r.next() * people.length) : -1;
  // Deep hardship: per-capita income well under the local minimum; relative: around it.
  const earner = level === 'deep' ? 90_000 + Math.floor(r.next() * 120_000) : 180_000 + Math.floor(r.next() * 200_000);
  return people.map((p, i): StoredHouseholdMember => {
    const adult = p.age >= 18 && p.age < 60;
    const income =
      p.relation === 'self'
        ? causes.includes('unemployment')
          ? 0
          : earner
        : adult && r.next() < 0.5
          ? 100_000 + Math.floor(r.next() * 150_000)
          : p.age >= 60
            ? 60_000 + Math.floor(r.next() * 80_000)
            : 0;
    return {
      key: `d${i}${Math.floor(r.next() * 1e6).toString(36)}`,
      relation: p.relation,
      name: p.name,
      age: p.age,
      employment:
        p.relation === 'self'
          ? causes.includes('unemployment')
            ? '失业'
            : '企业职工'
          : p.age < 18
            ? '在校学生'
            : r.pick(jobs),
      health: i === sickIndex ? sick : 'healthy',
      healthNote:
        i === sickIndex
          ? sick === 'disabled'
            ? '肢体残疾二级'
            : sick === 'serious'
              ? '恶性肿瘤术后化疗'
              : '糖尿病长期服药'
          : null,
      incomeFen: income,
    };
  });
}

/** Plans one file for a member, filed between `earliest` and 15 days ago. */
export function planFile(r: Rng, m: FileMember, today: string, earliest: string): PlannedFile {
  const level = weighted<HardshipLevel>(r, [
    ['deep', 25],
    ['relative', 60],
    ['accident', 15],
  ]);
  const first = level === 'accident' ? 'accident' : weighted(r, causeWeights);
  const causes: HardshipCause[] = [first];
  if (r.next() < 0.35) {
    const second = weighted(r, causeWeights);
    if (second !== first) causes.push(second);
  }
  const size = weighted(r, [
    [1, 8],
    [2, 22],
    [3, 36],
    [4, 22],
    [5, 12],
  ]);
  const from = earliest > m.joinedDate ? earliest : m.joinedDate;
  const span = Math.max(0, days(from, addDays(today, -15)));
  const filedOn = addDays(from, Math.floor(r.next() * (span + 1)));
  const withConsent = r.next() < 0.95;
  const people = household(r, m, size, level, causes, today);
  const reviews: PlannedFile['reviews'] = [];
  let levelNow = level;
  for (let due = nextYear(filedOn); due <= today; due = nextYear(reviews.at(-1)?.reviewedOn ?? due)) {
    // Most reviews are made in the month before they fall due; a few files are left overdue.
    if (r.next() < 0.04) break;
    const on = addDays(due, -Math.floor(r.next() * 25));
    if (on > today) break;
    if (r.next() < 0.06) levelNow = levelNow === 'deep' ? 'relative' : 'deep';
    reviews.push({ reviewedOn: on, levelAfter: levelNow, comment: r.pick(comments) });
  }
  const lastEvent = reviews.at(-1)?.reviewedOn ?? filedOn;
  const yearStart = `${today.slice(0, 4)}-01-01`;
  let resolved: PlannedFile['resolved'] = null;
  const roll = r.next();
  if (roll < 0.1 && days(lastEvent, today) > 2) {
    const after = lastEvent > yearStart ? lastEvent : yearStart;
    const on = addDays(after, 1 + Math.floor(r.next() * Math.max(1, days(after, today) - 1)));
    if (on < today) {
      const reason = weighted<ResolveReason>(r, [
        ['income', 40],
        ['employment', 35],
        ['recovered', 18],
        ['other', 7],
      ]);
      resolved = { on, reason, note: reason === 'other' ? '子女毕业参加工作' : null };
    }
  }
  return {
    member: m,
    level,
    causes,
    causeOther: causes.includes('other') ? r.pick(otherCauses) : null,
    household: withConsent ? people : people.map((p) => ({ ...p, health: null, healthNote: null, incomeFen: null })),
    householdSize: size,
    address: `${m.place}${r.pick(roads)} ${1 + Math.floor(r.next() * 300)} 号`,
    filedOn,
    consent: withConsent
      ? {
          method: weighted<ConsentMethod>(r, [
            ['written', 70],
            ['in_person', 20],
            ['online', 10],
          ]),
          consentedOn: addDays(filedOn, -Math.floor(r.next() * 5)),
        }
      : null,
    reviews,
    resolved,
  };
}
