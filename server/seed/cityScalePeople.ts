/**
 * Deterministic people for the city-scale seed and the import benchmark: person number `k` always gets
 * the same name, ID number and mobile number, so a benchmark can recompute the plaintext of seeded
 * numbers without reading or decrypting anything.
 */
import { educationLevels, type MemberStatus, politicalStatuses, type WorkerCategory } from '../../shared/memberEnums';
import { makeIdNumber, maskIdNumber } from '../../shared/validators/idNumber';
import { maskMobile } from '../../shared/validators/mobile';
import { blindIndex, encryptField, type KeyRing } from '../lib/pii';
import { personNamePinyin } from '../lib/pinyin';
import { memberRecordColumns, type members } from '../modules/members/members.tables';
import {
  givenNames,
  importMobilePrefixes,
  seedMobilePrefixes,
  weightedIdAreaCodes,
  weightedSurnames,
} from './cityScaleNames';
import { rng } from './random';

/**
 * A range of ID-number sequence codes (positions 15–17). Two spaces with disjoint ranges never share an
 * ID number; the demo roster uses 0–5 and its worker 131.
 */
export interface IdSpace {
  seqFrom: number;
  /** Exclusive. */
  seqTo: number;
  mobilePrefixes: readonly string[];
}

/** The seeded roster: sequence codes 200–999, up to 12 million people. */
export const rosterSpace: IdSpace = { seqFrom: 200, seqTo: 1000, mobilePrefixes: seedMobilePrefixes };
/** Generated import files: sequence codes 10–130, disjoint from the roster and the demo. */
export const importSpace: IdSpace = { seqFrom: 10, seqTo: 131, mobilePrefixes: importMobilePrefixes };
/** The share of seeded members registered without a mobile number. */
export const rosterWithoutMobile = 0.03;

const BIRTH_FROM_MS = Date.UTC(1966, 0, 1);
/** 1966-01-01 … 2007-12-31: working age (18–60) in the mid-2020s. */
const BIRTH_DAYS = 15_340;
/** Prime to 10^8 (odd, not a multiple of 5), so `k · m mod 10^8` gives every k < 10^8 its own 8-digit suffix. */
const MOBILE_SCATTER = 61_803_399;

/** How many distinct ID numbers a space holds. */
export function idSpaceSize(space: IdSpace): number {
  return (space.seqTo - space.seqFrom) * BIRTH_DAYS;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * A multiplier prime to the space's size near its golden-ratio point: `k · m mod size` is then a
 * permutation of the space that sends neighbours far apart (birthdays and sequence codes look random).
 */
const scatters = new Map<number, number>();
function scatterFor(size: number): number {
  let m = scatters.get(size);
  if (m === undefined) {
    m = Math.floor(size * 0.6180339887);
    while (gcd(m, size) !== 1) m++;
    scatters.set(size, m);
  }
  return m;
}

/** Picks from a weighted list with a uniform number in [0, 1). */
export function weightedPicker<T>(list: readonly (readonly [T, number])[]) {
  const total = list.reduce((s, [, w]) => s + w, 0);
  const cumulative = list.map(([value], i) => [value, list.slice(0, i + 1).reduce((s, [, w]) => s + w, 0)] as const);
  return (u: number): T => {
    const x = u * total;
    for (const [value, upTo] of cumulative) if (x < upTo) return value;
    return (cumulative[cumulative.length - 1] as readonly [T, number])[0];
  };
}

const pickSurname = weightedPicker(weightedSurnames);
const pickArea = weightedPicker(weightedIdAreaCodes);
const pickCategory = weightedPicker<WorkerCategory>([
  ['regular', 70],
  ['migrant', 12],
  ['dispatched', 5],
  ['courier', 4],
  ['food_delivery', 3],
  ['ride_hailing', 2],
  ['truck_driver', 2],
  ['flexible', 2],
]);
const pickEducation = weightedPicker(
  educationLevels.map((level, i) => [level, [3, 22, 28, 17, 18, 12][i] ?? 1] as const),
);
const pickPolitical = weightedPicker(
  politicalStatuses.map((status, i) => [status, [14, 1, 18, 1, 1, 65][i] ?? 1] as const),
);
const pickEthnicity = weightedPicker([
  ['汉族', 985],
  ['回族', 5],
  ['满族', 3],
  ['蒙古族', 2],
  ['壮族', 2],
  ['土家族', 2],
  ['苗族', 1],
]);
const positions = [
  '操作工',
  '技术员',
  '工程师',
  '班组长',
  '车间主任',
  '销售代表',
  '会计',
  '行政专员',
  '仓管员',
  '质检员',
];

/** The plaintext facts of person `k` of a space. */
export interface Person {
  name: string;
  idNumber: string;
  birthDate: string;
  gender: 'male' | 'female';
  mobile: string | null;
  ethnicity: string;
  education: string;
  politicalStatus: string;
  position: string;
  workerCategory: WorkerCategory;
  joinedDate: string;
}

/** Person `k` (0 ≤ k < idSpaceSize) of a space; `today` bounds the joined date. */
export function personAt(k: number, space: IdSpace, today: string, opts: { withoutMobile?: number } = {}): Person {
  if (!Number.isInteger(k) || k < 0 || k >= idSpaceSize(space)) throw new RangeError(`person ${k} outside the space`);
  // Every person draws from their own stream, so person k does not depend on how many came before.
  const r = rng(Math.imul(k ^ 0x5bd1e995, 0x27d4eb2d) ^ (space.seqFrom * 7919));
  const size = idSpaceSize(space);
  const slot = ((k + 1) * scatterFor(size)) % size;
  const birthDate = new Date(BIRTH_FROM_MS + (slot % BIRTH_DAYS) * 86_400_000).toISOString().slice(0, 10);
  const idNumber = makeIdNumber(pickArea(r.next()), birthDate, space.seqFrom + Math.floor(slot / BIRTH_DAYS));
  // Common given names come up more often (u² leans towards the start of the list).
  const given = givenNames[Math.floor(r.next() ** 2 * givenNames.length)] as string;
  const prefix = space.mobilePrefixes[Math.floor(r.next() * space.mobilePrefixes.length)] as string;
  const suffix = String(((k + 1) * MOBILE_SCATTER) % 100_000_000).padStart(8, '0');
  const hasMobile = r.next() >= (opts.withoutMobile ?? 0);
  // Joined between the age of 18 (or 2000) and today, on any day of a month.
  const firstYear = Math.max(Number(birthDate.slice(0, 4)) + 18, 2000);
  const lastYear = Number(today.slice(0, 4));
  const year = firstYear + Math.floor(r.next() * (lastYear - firstYear + 1));
  const joined = `${year}-${String(1 + Math.floor(r.next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r.next() * 28)).padStart(2, '0')}`;
  return {
    name: pickSurname(r.next()) + given,
    idNumber,
    birthDate,
    gender: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
    mobile: hasMobile ? prefix + suffix : null,
    ethnicity: pickEthnicity(r.next()),
    education: pickEducation(r.next()),
    politicalStatus: pickPolitical(r.next()),
    position: positions[Math.floor(r.next() * positions.length)] as string,
    workerCategory: pickCategory(r.next()),
    joinedDate: joined < today ? joined : today,
  };
}

/** Pinyin of each distinct name computed once: a city's roster repeats names a great deal. */
export function pinyinCache() {
  const cache = new Map<string, { full: string; initials: string }>();
  return (name: string) => {
    let hit = cache.get(name);
    if (!hit) {
      hit = personNamePinyin(name);
      cache.set(name, hit);
    }
    return hit;
  };
}

export type MemberInsert = typeof members.$inferInsert;

/** The member columns a load writes (id, created_at and updated_at keep their defaults). */
export const memberLoadColumns = [
  ...memberRecordColumns,
  'status',
  'statusDate',
  'cardNo',
] as const satisfies readonly (keyof MemberInsert)[];

/** The stored form of a person in a union, as createMember writes it (numbers encrypted, indexed, masked). */
export function memberRow(
  ring: KeyRing,
  pinyinOf: ReturnType<typeof pinyinCache>,
  p: Person,
  org: { id: number; path: string; employerName: string | null; employerCreditCode: string | null },
  extra: { cardNo: string; status?: MemberStatus; statusDate?: string | null },
): MemberInsert {
  const { full, initials } = pinyinOf(p.name);
  return {
    orgId: org.id,
    orgPath: org.path,
    name: p.name,
    namePinyin: full,
    nameInitials: initials,
    gender: p.gender,
    ethnicity: p.ethnicity,
    birthDate: p.birthDate,
    idNumberEnc: encryptField(ring, p.idNumber),
    idNumberIndex: blindIndex(ring, 'id_number', p.idNumber),
    idNumberMasked: maskIdNumber(p.idNumber),
    mobileEnc: p.mobile ? encryptField(ring, p.mobile) : null,
    mobileIndex: p.mobile ? blindIndex(ring, 'mobile', p.mobile) : null,
    mobileMasked: p.mobile ? maskMobile(p.mobile) : null,
    education: p.education,
    politicalStatus: p.politicalStatus,
    employerName: org.employerName,
    employerCreditCode: org.employerCreditCode,
    position: p.position,
    workerCategory: p.workerCategory,
    status: extra.status ?? 'active',
    statusDate: extra.statusDate ?? null,
    joinedDate: p.joinedDate,
    cardNo: extra.cardNo,
  };
}

/** The card number createMember draws from member_card_seq for sequence value `n`. */
export function cardNumber(n: number): string {
  return `GH${String(n).padStart(10, '0')}`;
}

/** Where person `k` of the seeded roster stands today: mostly active, some transferred, left or deceased. */
export function rosterStatus(
  k: number,
  joinedDate: string,
  today: string,
): { status: MemberStatus; statusDate: string | null } {
  const r = rng(Math.imul(k ^ 0x1b873593, 0x85ebca6b));
  const roll = r.next();
  const status: MemberStatus =
    roll < 0.95 ? 'active' : roll < 0.975 ? 'transferred_out' : roll < 0.995 ? 'left' : 'deceased';
  if (status === 'active') return { status, statusDate: null };
  // Some day between joining and today.
  const from = Date.parse(joinedDate);
  const span = Math.max(0, Date.parse(today) - from);
  const statusDate = new Date(from + Math.floor(r.next() * (span / 86_400_000 + 1)) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return { status, statusDate };
}
