/** Authorization-matrix entries of recuperation trips (职工疗休养): every admin and portal route. */
import { desc, eq, isNotNull } from 'drizzle-orm';
import { chinaDate } from '../../server/lib/dates';
import { accounts } from '../../server/modules/accounts/accounts.tables';
import { members } from '../../server/modules/members/members.tables';
import {
  addDays,
  makeRecupApplication,
  makeRecupBatch,
  makeRecupProgramme,
} from '../../server/seed/recuperationFactories';
import { buildMember } from '../factories';
import type { ModuleEntries, Side } from './types';

export const recuperationEntries: ModuleEntries = ({ w }) => {
  /** An open programme of the side's county with one batch open for sign-up. */
  const countyBatch = async (side: Side, spec: Parameters<typeof makeRecupBatch>[2] = {}) => {
    const programme = await makeRecupProgramme(w.db, side.county);
    return { programme, batch: await makeRecupBatch(w.db, programme, spec) };
  };
  /** An application of a new member of the side's union. */
  const application = async (side: Side, status: 'accepted' | 'confirmed' = 'accepted') => {
    const { batch } = await countyBatch(side);
    return makeRecupApplication(w.db, batch, await buildMember(w.db, side.union), status);
  };
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
  /** The signed-in member's own application (inside), or someone's in the other subtree (outside). */
  const ownApplication = async (side: Side, status: 'accepted' | 'confirmed' = 'accepted') => {
    const { batch } = await countyBatch(side);
    const mine = side.county.name.startsWith('甲') ? await latestMember() : undefined;
    const member = mine ?? (await buildMember(w.db, side.union));
    return makeRecupApplication(w.db, batch, member, status);
  };
  const batchBody = () => {
    const start = addDays(chinaDate(new Date()), 30);
    return {
      name: '第2期',
      startDate: start,
      endDate: addDays(start, 4),
      signupDeadline: addDays(start, -10),
      destination: '嘉兴南湖红船',
      capacity: 20,
      costFen: 150_000,
    };
  };

  return {
    'GET /api/recuperation/programmes': {
      access: 'welfare.read',
      request: () => ({ url: '/api/recuperation/programmes' }),
      status: 200,
      outside: false,
    },
    'POST /api/recuperation/programmes': {
      access: 'welfare.manage',
      request: (s) => ({
        url: '/api/recuperation/programmes',
        payload: { orgId: s.county.id, year: 2026, title: '矩阵疗休养' },
      }),
      status: 201,
    },
    'GET /api/recuperation/programmes/:id': {
      access: 'welfare.read',
      request: async (s) => ({ url: `/api/recuperation/programmes/${(await countyBatch(s)).programme.id}` }),
      status: 200,
    },
    'PATCH /api/recuperation/programmes/:id': {
      access: 'welfare.manage',
      request: async (s) => ({
        url: `/api/recuperation/programmes/${(await countyBatch(s)).programme.id}`,
        payload: { status: 'closed' },
      }),
      status: 200,
    },
    'GET /api/recuperation/programmes/:id/stats': {
      access: 'welfare.read',
      request: async (s) => ({ url: `/api/recuperation/programmes/${(await countyBatch(s)).programme.id}/stats` }),
      status: 200,
    },
    'POST /api/recuperation/programmes/:id/batches': {
      access: 'welfare.manage',
      request: async (s) => ({
        url: `/api/recuperation/programmes/${(await countyBatch(s)).programme.id}/batches`,
        payload: batchBody(),
      }),
      status: 201,
    },
    'GET /api/recuperation/batches/:id': {
      access: 'welfare.read',
      request: async (s) => ({ url: `/api/recuperation/batches/${(await countyBatch(s)).batch.id}` }),
      status: 200,
    },
    'PATCH /api/recuperation/batches/:id': {
      access: 'welfare.manage',
      request: async (s) => ({
        url: `/api/recuperation/batches/${(await countyBatch(s)).batch.id}`,
        payload: { capacity: 50, destination: '延安革命纪念地' },
      }),
      status: 200,
    },
    'POST /api/recuperation/batches/:id/quotas': {
      access: 'welfare.manage',
      request: async (s) => ({
        url: `/api/recuperation/batches/${(await countyBatch(s)).batch.id}/quotas`,
        payload: { orgId: s.union.id, quota: 3 },
      }),
      status: 200,
    },
    'GET /api/recuperation/batches/:id/nominees': {
      access: 'welfare.manage',
      request: async (s) => ({ url: `/api/recuperation/batches/${(await countyBatch(s)).batch.id}/nominees?q=张` }),
      status: 200,
    },
    'POST /api/recuperation/batches/:id/nominations': {
      access: 'welfare.manage',
      request: async (s) => ({
        url: `/api/recuperation/batches/${(await countyBatch(s)).batch.id}/nominations`,
        payload: { memberId: (await buildMember(w.db, s.union)).id, frontLine: true },
      }),
      status: 201,
    },
    'POST /api/recuperation/batches/:id/attendance': {
      access: 'welfare.manage',
      request: async (s) => {
        const today = chinaDate(new Date());
        const { batch } = await countyBatch(s, { startDate: today, signupDeadline: today });
        const a = await makeRecupApplication(w.db, batch, await buildMember(w.db, s.union), 'confirmed');
        return {
          url: `/api/recuperation/batches/${batch.id}/attendance`,
          payload: { items: [{ applicationId: a.id, attended: true }] },
        };
      },
      status: 200,
    },
    'GET /api/recuperation/batches/:id/roster.xlsx': {
      access: 'welfare.read',
      request: async (s) => ({ url: `/api/recuperation/batches/${(await application(s)).batchId}/roster.xlsx` }),
      status: 200,
    },
    'GET /api/recuperation/applications': {
      access: 'welfare.read',
      request: async (s) => ({ url: `/api/recuperation/applications?batchId=${(await application(s)).batchId}` }),
      status: 200,
    },
    'POST /api/recuperation/applications/:id/cancel': {
      access: 'welfare.manage',
      request: async (s) => ({
        url: `/api/recuperation/applications/${(await application(s)).id}/cancel`,
        payload: { reason: '职工因工作安排无法参加' },
      }),
      status: 200,
    },
    'POST /api/recuperation/applications/:id/reject': {
      access: 'welfare.manage',
      request: async (s) => ({
        url: `/api/recuperation/applications/${(await application(s)).id}/reject`,
        payload: { reason: '不属于一线职工' },
      }),
      status: 200,
    },
    'POST /api/recuperation/applications/:id/confirm': {
      access: 'welfare.manage',
      request: async (s) => ({ url: `/api/recuperation/applications/${(await application(s)).id}/confirm` }),
      status: 200,
    },
    'GET /api/portal/recuperation/batches': {
      access: 'portal.use',
      actor: 'member',
      request: () => ({ url: '/api/portal/recuperation/batches' }),
      status: 200,
      outside: false,
    },
    'GET /api/portal/recuperation/applications': {
      access: 'portal.use',
      actor: 'member',
      request: () => ({ url: '/api/portal/recuperation/applications' }),
      status: 200,
      outside: false,
    },
    'POST /api/portal/recuperation/applications': {
      access: 'portal.use',
      actor: 'member',
      request: async (s) => ({
        url: '/api/portal/recuperation/applications',
        payload: { batchId: (await countyBatch(s)).batch.id, frontLine: true },
      }),
      status: 201,
    },
    'POST /api/portal/recuperation/applications/:id/cancel': {
      access: 'portal.use',
      actor: 'member',
      request: async (s) => ({
        url: `/api/portal/recuperation/applications/${(await ownApplication(s)).id}/cancel`,
        payload: { reason: '临时有事' },
      }),
      status: 200,
    },
    'POST /api/portal/recuperation/applications/:id/confirm': {
      access: 'portal.use',
      actor: 'member',
      request: async (s) => ({ url: `/api/portal/recuperation/applications/${(await ownApplication(s)).id}/confirm` }),
      status: 200,
    },
  };
};
