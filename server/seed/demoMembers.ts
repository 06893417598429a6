import { inArray } from 'drizzle-orm';
import { grassrootsTypes } from '../../shared/enums';
import { type WorkerCategory, workerCategoryCodes } from '../../shared/memberEnums';
import { makeIdNumber, maskIdNumber } from '../../shared/validators/idNumber';
import { maskMobile } from '../../shared/validators/mobile';
import type { DbOrTx } from '../db/client';
import { blindIndex, encryptField, type KeyRing } from '../lib/pii';
import { personNamePinyin } from '../lib/pinyin';
import { members, orgMemberCounts } from '../modules/members/members.tables';
import { orgs } from '../modules/orgs/orgs.tables';
import { rng } from './random';

const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤施'.split(
    '',
  );
const givenChars =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国文辉玲燕红梅斌鹏宇浩波琴云峰俊亮晶婷雪飞鑫凤新东海春林'.split(
    '',
  );
const categoryWeights: [WorkerCategory, number][] = [
  ['regular', 70],
  ['migrant', 12],
  ['dispatched', 5],
  ['courier', 4],
  ['food_delivery', 3],
  ['ride_hailing', 2],
  ['truck_driver', 2],
  ['flexible', 2],
];

/**
 * A plausible roster for every grassroots union of the demo city (3–15 members each): real-looking
 * names, valid ID numbers from the union's district, encrypted personal numbers, exact per-org counts.
 */
export async function seedDemoMembers(db: DbOrTx, ring: KeyRing, today: string, seed = 2024) {
  const r = rng(seed);
  const thisMonth = today.slice(0, 7);
  const unions = await db
    .select({ id: orgs.id, path: orgs.path, areaCode: orgs.areaCode })
    .from(orgs)
    .where(inArray(orgs.type, [...grassrootsTypes]));
  const category = () => {
    let roll = r.next() * 100;
    for (const [code, weight] of categoryWeights) {
      roll -= weight;
      if (roll < 0) return code;
    }
    return workerCategoryCodes[0];
  };
  let serial = 0;
  const rows: (typeof members.$inferInsert)[] = [];
  const counts = new Map<number, { path: string; n: number }>();
  for (const union of unions) {
    const size = 3 + Math.floor(r.next() * 13);
    counts.set(union.id, { path: union.path, n: size });
    for (let k = 0; k < size; k++) {
      serial++;
      // Serial → a unique (birth date, sequence) pair, so no two demo members share an ID number;
      // multiplying by a number prime to 14,600 scatters neighbours' birthdays over 40 years.
      const day = (serial * 7919) % 14_600;
      const birth = new Date(Date.UTC(1966, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      const area = union.areaCode && union.areaCode !== '320600' ? union.areaCode : '320602';
      const idNumber = makeIdNumber(area, birth, Math.floor(serial / 14_600) * 2 + (r.next() < 0.55 ? 1 : 0));
      const mobile = `13${5 + Math.floor(r.next() * 5)}${String(10_000_000 + serial).slice(-8)}`;
      const name = `${r.pick(surnames)}${r.pick(givenChars)}${r.next() < 0.7 ? r.pick(givenChars) : ''}`;
      const { full, initials } = personNamePinyin(name);
      // Joined between the age of 18 (or 2000) and this month, so recent months show growth too.
      const firstYear = Math.max(Number(birth.slice(0, 4)) + 18, 2000);
      const joinedYear = firstYear + Math.floor(r.next() * (Number(thisMonth.slice(0, 4)) - firstYear + 1));
      const joinedMonth = `${joinedYear}-${String(1 + Math.floor(r.next() * 12)).padStart(2, '0')}`;
      rows.push({
        orgId: union.id,
        orgPath: union.path,
        name,
        namePinyin: full,
        nameInitials: initials,
        gender: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
        ethnicity: r.next() < 0.97 ? '汉族' : '回族',
        birthDate: birth,
        idNumberEnc: encryptField(ring, idNumber),
        idNumberIndex: blindIndex(ring, 'id_number', idNumber),
        idNumberMasked: maskIdNumber(idNumber),
        mobileEnc: encryptField(ring, mobile),
        mobileIndex: blindIndex(ring, 'mobile', mobile),
        mobileMasked: maskMobile(mobile),
        workerCategory: category(),
        joinedDate: `${joinedMonth < thisMonth ? joinedMonth : thisMonth}-01`,
        cardNo: `GH${String(serial).padStart(10, '0')}`,
      });
    }
  }
  // Demo card numbers (GH00000xxxxx) lie below the sequence's start, so later ones never collide.
  for (let i = 0; i < rows.length; i += 500) await db.insert(members).values(rows.slice(i, i + 500));
  await db.insert(orgMemberCounts).values([...counts].map(([orgId, c]) => ({ orgId, orgPath: c.path, active: c.n })));
  return rows.length;
}
