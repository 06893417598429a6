import { and, eq, ne } from 'drizzle-orm';
import type { WorkerCategory } from '../../shared/memberEnums';
import { makeIdNumber, maskIdNumber, parseIdNumber } from '../../shared/validators/idNumber';
import { maskMobile } from '../../shared/validators/mobile';
import type { DbOrTx } from '../db/client';
import { blindIndex, encryptField, type KeyRing } from '../lib/pii';
import { memberJoins, memberTransfers } from '../modules/members/joins.tables';
import { maskName } from '../modules/members/members.card';
import { members } from '../modules/members/members.tables';
import { type OrgRow, orgs } from '../modules/orgs/orgs.tables';
import { makeAccount } from './factories';

/** Builders of join applications and transfers, shared by the demo seed and the tests. */

export interface JoinSpec {
  name: string;
  idNumber: string;
  mobile?: string | null;
  workerCategory?: WorkerCategory;
  employerName?: string | null;
  position?: string | null;
  note?: string | null;
  createdAt?: Date;
}

/** An applicant's account (no role yet) at the top of the union's tree, as registration makes it. */
export function makeApplicant(db: DbOrTx, root: OrgRow, spec: { name: string; mobile: string; password: string }) {
  return makeAccount(db, {
    username: spec.mobile,
    displayName: spec.name,
    password: spec.password,
    org: root,
    mobile: spec.mobile,
  });
}

/** A pending application of `accountId` to `union`, stored as the portal stores one (numbers encrypted). */
export async function makeJoinApplication(db: DbOrTx, ring: KeyRing, union: OrgRow, accountId: number, spec: JoinSpec) {
  const id = parseIdNumber(spec.idNumber);
  if (!id.ok) throw new Error(`bad ID number in a factory: ${id.message}`);
  const [row] = await db
    .insert(memberJoins)
    .values({
      accountId,
      orgId: union.id,
      orgPath: union.path,
      name: spec.name,
      gender: id.gender,
      ethnicity: '汉族',
      birthDate: id.birthDate,
      idNumberEnc: encryptField(ring, id.value),
      idNumberIndex: blindIndex(ring, 'id_number', id.value),
      idNumberMasked: maskIdNumber(id.value),
      mobileEnc: spec.mobile ? encryptField(ring, spec.mobile) : null,
      mobileMasked: spec.mobile ? maskMobile(spec.mobile) : null,
      employerName: spec.employerName === undefined ? '江苏叠石桥家纺有限公司' : spec.employerName,
      position: spec.position ?? null,
      workerCategory: spec.workerCategory ?? 'regular',
      note: spec.note ?? null,
      createdAt: spec.createdAt ?? new Date(),
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** A pending transfer of a member (by row) to `to`, started by `initiatedBy`. */
export async function makeTransfer(
  db: DbOrTx,
  member: typeof members.$inferSelect,
  to: OrgRow,
  spec: {
    initiatedBy: 'sending' | 'receiving' | 'member';
    requestedBy: number;
    requesterName?: string | null;
    reason?: string;
  },
) {
  const [row] = await db
    .insert(memberTransfers)
    .values({
      memberId: member.id,
      fromOrgId: member.orgId,
      fromPath: member.orgPath,
      toOrgId: to.id,
      toPath: to.path,
      memberNameMasked: maskName(member.name),
      idNumberMasked: member.idNumberMasked,
      initiatedBy: spec.initiatedBy,
      reason: spec.reason ?? null,
      requestedBy: spec.requestedBy,
      requesterName: spec.requesterName ?? null,
      createdAt: new Date(),
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

const demoApplicants = [
  { name: '顾晓雯', birth: '1998-03-14', seq: 22, mobile: '13962811001', category: 'regular', position: '挡车工' },
  { name: '沈志强', birth: '1991-10-02', seq: 37, mobile: '13962811002', category: 'migrant', position: '整经工' },
  { name: '陆佳怡', birth: '2002-06-21', seq: 48, mobile: '13962811003', category: 'dispatched', position: '包装工' },
] as const;

/**
 * Three pending applications to the demo union and one pending transfer into it (started by the
 * sending union, so the demo union_admin has something to accept), so the pages are not empty.
 */
export async function seedDemoJoins(db: DbOrTx, ring: KeyRing, demoUnion: OrgRow, root: OrgRow, password: string) {
  for (const [i, a] of demoApplicants.entries()) {
    const account = await makeApplicant(db, root, { name: a.name, mobile: a.mobile, password });
    await makeJoinApplication(db, ring, demoUnion, account.id, {
      name: a.name,
      idNumber: makeIdNumber('320614', a.birth, a.seq * 2 + (i === 1 ? 1 : 0)),
      mobile: a.mobile,
      workerCategory: a.category,
      position: a.position,
      note: i === 0 ? '织造车间新入职员工，申请加入工会' : null,
      createdAt: new Date(Date.now() - (3 - i) * 86_400_000),
    });
  }
  // Someone from another Haimen union, on the way to the demo union.
  const [other] = await db
    .select({ member: members })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(eq(orgs.type, 'grassroots_enterprise'), ne(orgs.id, demoUnion.id), eq(orgs.areaCode, '320614')))
    .limit(1);
  if (!other) throw new Error('no demo member to transfer');
  await makeTransfer(db, other.member, demoUnion, {
    initiatedBy: 'sending',
    requestedBy: 0,
    requesterName: '施海燕',
    reason: '本人已调入江苏叠石桥家纺有限公司工作',
  });
}
