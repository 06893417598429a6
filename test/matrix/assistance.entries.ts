/**
 * Authorization-matrix entries of assistance (帮扶救助): funds, cases and their steps, files, batches,
 * statistics and the worker's portal. Every earlier step of a fixture is made by account 0 (nobody who
 * signs in), so the allowed actor — a union admin of county A — is never the maker or the checker.
 */
import { desc, eq, isNotNull } from 'drizzle-orm';
import { accounts } from '../../server/modules/accounts/accounts.tables';
import { assistanceBatches, assistanceCases, assistanceFiles } from '../../server/modules/assistance/assistance.tables';
import { members } from '../../server/modules/members/members.tables';
import { makeAssistanceCase, makeAssistanceFund } from '../../server/seed/assistanceFactories';
import { testKeyRing } from '../app';
import { buildMember, type UploadPart } from '../factories';
import { tinyPng } from '../workplanFixtures';
import type { ModuleEntries, Side } from './types';

export const assistanceEntries: ModuleEntries = ({ w }) => {
  const fund = (side: Side) => makeAssistanceFund(w.db, side.county);
  /** A case of a new member of the side's union at `status` (granted ones from a fund of the county). */
  const caseOf = async (side: Side, status: 'submitted' | 'reviewed' | 'approved' | 'paid', member?: Member) => {
    const m = member ?? (await buildMember(w.db, side.union));
    const f = status === 'approved' || status === 'paid' ? await fund(side) : undefined;
    const row = await makeAssistanceCase(w.db, testKeyRing, m, { status, fund: f });
    return { ...row, fund: f };
  };
  /** A batch of one approved case, made by account 0, at `status`. */
  const batchOf = async (side: Side, status: 'draft' | 'exported') => {
    const c = await caseOf(side, 'approved');
    const f = c.fund;
    if (!f) throw new Error('fund');
    const now = new Date();
    const [b] = await w.db
      .insert(assistanceBatches)
      .values({
        batchNo: `FF-M-${c.id}`,
        fundId: f.id,
        orgId: f.orgId,
        orgPath: f.orgPath,
        status,
        caseCount: 1,
        totalFen: Number(c.amountApprovedFen),
        createdBy: 0,
        createdByName: '矩阵',
        createdAt: now,
        exportedAt: status === 'exported' ? now : null,
        updatedAt: now,
      })
      .returning();
    if (!b) throw new Error('batch');
    await w.db.update(assistanceCases).set({ status: 'in_batch', batchId: b.id }).where(eq(assistanceCases.id, c.id));
    return b;
  };
  const fileOf = async (caseId: number) => {
    const [f] = await w.db
      .insert(assistanceFiles)
      .values({
        caseId,
        fileName: '证明.png',
        mime: 'image/png',
        size: tinyPng.length,
        sha256: '0'.repeat(64),
        content: tinyPng,
        createdAt: new Date(),
      })
      .returning({ id: assistanceFiles.id });
    return f?.id as number;
  };
  type Member = typeof members.$inferSelect;
  /** The member record of the account signed in last (the matrix signs in just before building the request). */
  const latestMember = async () => {
    const [row] = await w.db
      .select({ member: members })
      .from(accounts)
      .innerJoin(members, eq(members.id, accounts.memberId))
      .where(isNotNull(accounts.memberId))
      .orderBy(desc(accounts.id))
      .limit(1);
    return row?.member;
  };
  /** The signed-in member's own case (inside), or another member's in the other subtree (outside). */
  const ownCase = async (side: Side) => {
    const mine = side.county.name.startsWith('甲') ? await latestMember() : undefined;
    return caseOf(side, 'submitted', mine);
  };
  const applyParts = (fields: Record<string, string | number>): UploadPart[] => [
    ...Object.entries(fields).map(([name, value]) => ({ name, value: String(value) })),
    { name: 'files', fileName: '证明.png', data: tinyPng, type: 'image/png' },
  ];
  const applyFields = {
    type: 'medical',
    amountRequestedFen: 123_456,
    reason: '住院治疗，自付费用高',
    bankName: '中国农业银行',
    bankAccount: '6228480402564890018',
  };

  return {
    'GET /api/assistance/funds': {
      access: 'welfare.read',
      request: () => ({ url: '/api/assistance/funds' }),
      status: 200,
      outside: false,
    },
    'POST /api/assistance/funds': {
      access: 'assistance.approve',
      request: (s) => ({
        url: '/api/assistance/funds',
        payload: {
          orgId: s.county.id,
          name: `矩阵资金${Math.random()}`,
          year: new Date(Date.now() + 8 * 3600_000).getUTCFullYear(),
          source: '工会经费',
          budgetFen: 100_000,
        },
      }),
      status: 201,
    },
    'PATCH /api/assistance/funds/:id': {
      access: 'assistance.approve',
      request: async (s) => ({
        url: `/api/assistance/funds/${(await fund(s)).id}`,
        payload: { budgetFen: 20_000_000 },
      }),
      status: 200,
    },
    'GET /api/assistance/cases': {
      access: 'welfare.read',
      request: () => ({ url: '/api/assistance/cases?status=submitted' }),
      status: 200,
      outside: false,
    },
    'POST /api/assistance/cases': {
      access: 'welfare.manage',
      request: async (s) => ({
        url: '/api/assistance/cases',
        multipart: applyParts({ ...applyFields, memberId: (await buildMember(w.db, s.union)).id }),
      }),
      status: 201,
    },
    'POST /api/assistance/cases/bulk-approve': {
      access: 'assistance.approve',
      request: async (s) => {
        const c = await caseOf(s, 'reviewed');
        return { url: '/api/assistance/cases/bulk-approve', payload: { ids: [c.id], fundId: (await fund(s)).id } };
      },
      status: 200,
    },
    'GET /api/assistance/cases/:id': {
      access: 'welfare.read',
      request: async (s) => ({ url: `/api/assistance/cases/${(await caseOf(s, 'submitted')).id}` }),
      status: 200,
    },
    'POST /api/assistance/cases/:id/review': {
      access: 'assistance.review',
      request: async (s) => ({
        url: `/api/assistance/cases/${(await caseOf(s, 'submitted')).id}/review`,
        payload: { decision: 'pass', comment: '属实' },
      }),
      status: 200,
    },
    'POST /api/assistance/cases/:id/approve': {
      access: 'assistance.approve',
      request: async (s) => ({
        url: `/api/assistance/cases/${(await caseOf(s, 'reviewed')).id}/approve`,
        payload: { decision: 'approve', fundId: (await fund(s)).id },
      }),
      status: 200,
    },
    'POST /api/assistance/cases/:id/reveal': {
      access: 'members.reveal',
      request: async (s) => ({
        url: `/api/assistance/cases/${(await caseOf(s, 'submitted')).id}/reveal`,
        payload: { field: 'bankAccount' },
      }),
      status: 200,
    },
    'GET /api/assistance/files/:id': {
      access: 'welfare.read',
      request: async (s) => ({ url: `/api/assistance/files/${await fileOf((await caseOf(s, 'submitted')).id)}` }),
      status: 200,
    },
    'GET /api/assistance/batches': {
      access: 'welfare.read',
      request: () => ({ url: '/api/assistance/batches' }),
      status: 200,
      outside: false,
    },
    'POST /api/assistance/batches': {
      access: 'assistance.disburse',
      request: async (s) => {
        const c = await caseOf(s, 'approved');
        return { url: '/api/assistance/batches', payload: { fundId: c.fund?.id, caseIds: [c.id] } };
      },
      status: 201,
    },
    'GET /api/assistance/batches/:id': {
      access: 'welfare.read',
      request: async (s) => ({ url: `/api/assistance/batches/${(await batchOf(s, 'draft')).id}` }),
      status: 200,
    },
    'GET /api/assistance/batches/:id/export.xlsx': {
      access: 'assistance.disburse',
      request: async (s) => ({ url: `/api/assistance/batches/${(await batchOf(s, 'draft')).id}/export.xlsx` }),
      status: 200,
    },
    'POST /api/assistance/batches/:id/confirm': {
      access: 'assistance.disburse',
      request: async (s) => ({
        url: `/api/assistance/batches/${(await batchOf(s, 'exported')).id}/confirm`,
        payload: { comment: '银行已回单' },
      }),
      status: 200,
    },
    'POST /api/assistance/batches/:id/cancel': {
      access: 'assistance.disburse',
      request: async (s) => ({
        url: `/api/assistance/batches/${(await batchOf(s, 'draft')).id}/cancel`,
        payload: { reason: '账号有误' },
      }),
      status: 200,
    },
    'GET /api/assistance/stats': {
      access: 'welfare.read',
      request: (s) => ({ url: `/api/assistance/stats?orgId=${s.county.id}` }),
      status: 200,
    },
    'GET /api/portal/assistance': {
      access: 'portal.use',
      actor: 'member',
      request: () => ({ url: '/api/portal/assistance' }),
      status: 200,
      outside: false,
    },
    'POST /api/portal/assistance': {
      access: 'portal.use',
      actor: 'member',
      request: () => ({ url: '/api/portal/assistance', multipart: applyParts(applyFields) }),
      status: 201,
      outside: false,
    },
    'GET /api/portal/assistance/:id': {
      access: 'portal.use',
      actor: 'member',
      request: async (s) => ({ url: `/api/portal/assistance/${(await ownCase(s)).id}` }),
      status: 200,
    },
    'POST /api/portal/assistance/:id/withdraw': {
      access: 'portal.use',
      actor: 'member',
      request: async (s) => ({ url: `/api/portal/assistance/${(await ownCase(s)).id}/withdraw` }),
      status: 200,
    },
    'GET /api/portal/assistance/files/:id': {
      access: 'portal.use',
      actor: 'member',
      request: async (s) => ({ url: `/api/portal/assistance/files/${await fileOf((await ownCase(s)).id)}` }),
      status: 200,
    },
  };
};
