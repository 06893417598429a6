/**
 * The authorization matrix: every registered /api route, checked for 401 without a session, 403 for
 * an account lacking the route's permission, 404 for a target in another subtree, and success for an
 * allowed account. A route with no entry here fails the suite.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { signCardToken } from '../server/modules/members/members.card';
import { memberCorrections } from '../server/modules/members/members.tables';
import type { OrgRow } from '../server/modules/orgs/orgs.tables';
import type { RouteAccess } from '../server/plugins/auth';
import { makeOrg } from '../server/seed/factories';
import { testKeyRing, useTestApp } from './app';
import {
  type Agent,
  buildCity,
  buildMember,
  buildUser,
  type City,
  signIn,
  testPassword,
  uid,
  uniqueIdNumber,
} from './factories';

const w = useTestApp();

interface Side {
  county: OrgRow;
  union: OrgRow;
}
type Req = { url: string; payload?: unknown };
interface Entry {
  /** What the route must declare; checked against the registered route. */
  access: RouteAccess;
  /** Builds the request against a target in `side` (the actor's own subtree, or another one). */
  request: (side: Side) => Promise<Req> | Req;
  status: number;
  /** Who is allowed: a union admin of county A (default) or a member of its union. */
  actor?: 'admin' | 'member';
  /** False where the route has no target that could lie elsewhere (lists of one's own scope). */
  outside?: false;
}

/** A member's pending correction request in the side's union. */
async function pendingCorrection(side: Side) {
  const member = await buildMember(w.db, side.union);
  const [row] = await w.db
    .insert(memberCorrections)
    .values({
      memberId: member.id,
      orgPath: member.orgPath,
      requestedBy: 0,
      changes: { position: { before: null, after: '班组长' } },
      createdAt: new Date(),
    })
    .returning({ id: memberCorrections.id });
  return row?.id;
}

const freshUnion = (side: Side) =>
  makeOrg(w.db, side.county, { name: `矩阵工会${uid()}`, type: 'grassroots_enterprise' });
const freshUser = (side: Side) => buildUser(w.db, 'union_cadre', side.union);

const matrix: Record<string, Entry> = {
  'GET /api/health': { access: 'public', request: () => ({ url: '/api/health' }), status: 200 },
  'GET /api/openapi.json': { access: 'public', request: () => ({ url: '/api/openapi.json' }), status: 200 },
  'GET /api/system/info': { access: 'public', request: () => ({ url: '/api/system/info' }), status: 200 },
  'POST /api/auth/login': {
    access: 'public',
    request: async (side) => ({
      url: '/api/auth/login',
      payload: { username: (await freshUser(side)).username, password: testPassword },
    }),
    status: 200,
  },
  'POST /api/auth/logout': {
    access: 'authenticated',
    request: () => ({ url: '/api/auth/logout' }),
    status: 200,
    outside: false,
  },
  'POST /api/auth/password': {
    access: 'authenticated',
    request: () => ({
      url: '/api/auth/password',
      payload: { currentPassword: testPassword, newPassword: 'Matrix@2024new' },
    }),
    status: 200,
    outside: false,
  },
  'GET /api/me': {
    access: 'authenticated',
    request: () => ({ url: '/api/me' }),
    status: 200,
    outside: false,
  },
  'GET /api/orgs/roots': {
    access: 'orgs.read',
    request: () => ({ url: '/api/orgs/roots' }),
    status: 200,
    outside: false,
  },
  'GET /api/orgs/search': {
    access: 'orgs.read',
    request: (s) => ({ url: `/api/orgs/search?q=${encodeURIComponent('工会')}&under=${s.county.id}` }),
    status: 200,
  },
  'GET /api/orgs/:id': {
    access: 'orgs.read',
    request: (s) => ({ url: `/api/orgs/${s.union.id}` }),
    status: 200,
  },
  'GET /api/orgs/:id/children': {
    access: 'orgs.read',
    request: (s) => ({ url: `/api/orgs/${s.county.id}/children` }),
    status: 200,
  },
  'GET /api/orgs/:id/stats': {
    access: 'orgs.read',
    request: (s) => ({ url: `/api/orgs/${s.county.id}/stats` }),
    status: 200,
  },
  'POST /api/orgs': {
    access: 'orgs.create',
    request: (s) => ({
      url: '/api/orgs',
      payload: { parentId: s.county.id, type: 'grassroots_enterprise', name: `新建工会${uid()}` },
    }),
    status: 201,
  },
  'PATCH /api/orgs/:id': {
    access: 'orgs.update',
    request: (s) => ({ url: `/api/orgs/${s.union.id}`, payload: { address: `地址${uid()}` } }),
    status: 200,
  },
  'POST /api/orgs/:id/move': {
    access: 'orgs.move',
    request: async (s) => ({
      url: `/api/orgs/${(await freshUnion(s)).id}/move`,
      payload: { newParentId: s.union.parentId },
    }),
    status: 200,
  },
  'POST /api/orgs/:id/dissolve': {
    access: 'orgs.dissolve',
    request: async (s) => ({
      url: `/api/orgs/${(await freshUnion(s)).id}/dissolve`,
      payload: { reason: '企业注销' },
    }),
    status: 200,
  },
  'GET /api/orgs/:id/departments': {
    access: 'orgs.read',
    request: (s) => ({ url: `/api/orgs/${s.county.id}/departments` }),
    status: 200,
  },
  'POST /api/orgs/:id/departments': {
    access: 'orgs.update',
    request: (s) => ({ url: `/api/orgs/${s.county.id}/departments`, payload: { name: `部室${uid()}` } }),
    status: 201,
  },
  'GET /api/accounts': {
    access: 'accounts.read',
    request: (s) => ({ url: `/api/accounts?orgId=${s.county.id}` }),
    status: 200,
  },
  'GET /api/accounts/:id': {
    access: 'accounts.read',
    request: async (s) => ({ url: `/api/accounts/${(await freshUser(s)).id}` }),
    status: 200,
  },
  'POST /api/accounts': {
    access: 'accounts.manage',
    request: (s) => ({
      url: '/api/accounts',
      payload: {
        username: `m_${uid()}`,
        displayName: '矩阵',
        orgId: s.union.id,
        initialPassword: 'Init@Pass2024',
      },
    }),
    status: 201,
  },
  'PATCH /api/accounts/:id': {
    access: 'accounts.manage',
    request: async (s) => ({
      url: `/api/accounts/${(await freshUser(s)).id}`,
      payload: { displayName: '改名' },
    }),
    status: 200,
  },
  'POST /api/accounts/:id/grants': {
    access: 'accounts.manage',
    request: async (s) => ({
      url: `/api/accounts/${(await freshUser(s)).id}/grants`,
      payload: { role: 'union_cadre', orgId: s.county.id },
    }),
    status: 200,
  },
  'DELETE /api/accounts/:id/grants/:grantId': {
    access: 'accounts.manage',
    request: async (s) => {
      const user = await freshUser(s);
      const admin = await signIn(w.app, (await buildUser(w.db, 'platform_admin', rootOf())).username);
      const grantId = (await admin.get(`/api/accounts/${user.id}`)).json().grants[0].id;
      return { url: `/api/accounts/${user.id}/grants/${grantId}` };
    },
    status: 200,
  },
  'POST /api/accounts/:id/reset-password': {
    access: 'accounts.manage',
    request: async (s) => ({
      url: `/api/accounts/${(await freshUser(s)).id}/reset-password`,
      payload: { password: 'Reset@Pass2024' },
    }),
    status: 200,
  },
  'POST /api/accounts/:id/lock': {
    access: 'accounts.manage',
    request: async (s) => ({ url: `/api/accounts/${(await freshUser(s)).id}/lock` }),
    status: 200,
  },
  'POST /api/accounts/:id/unlock': {
    access: 'accounts.manage',
    request: async (s) => ({ url: `/api/accounts/${(await freshUser(s)).id}/unlock` }),
    status: 200,
  },
  'GET /api/accounts/:id/sessions': {
    access: 'sessions.manage',
    request: async (s) => ({ url: `/api/accounts/${(await freshUser(s)).id}/sessions` }),
    status: 200,
  },
  'POST /api/accounts/:id/sessions/end': {
    access: 'sessions.manage',
    request: async (s) => ({ url: `/api/accounts/${(await freshUser(s)).id}/sessions/end` }),
    status: 200,
  },
  'GET /api/members': {
    access: 'members.read',
    request: (s) => ({ url: `/api/members?orgId=${s.county.id}` }),
    status: 200,
  },
  'GET /api/members/export': {
    access: 'members.read',
    request: (s) => ({ url: `/api/members/export?orgId=${s.county.id}` }),
    status: 200,
  },
  'GET /api/members/stats': {
    access: 'members.read',
    request: (s) => ({ url: `/api/members/stats?orgId=${s.county.id}` }),
    status: 200,
  },
  'GET /api/members/:id': {
    access: 'members.read',
    request: async (s) => ({ url: `/api/members/${(await buildMember(w.db, s.union)).id}` }),
    status: 200,
  },
  'GET /api/members/:id/history': {
    access: 'members.read',
    request: async (s) => ({ url: `/api/members/${(await buildMember(w.db, s.union)).id}/history` }),
    status: 200,
  },
  'POST /api/members': {
    access: 'members.manage',
    request: (s) => {
      const idNumber = uniqueIdNumber({ gender: 'female', birthDate: '1990-02-03' });
      return {
        url: '/api/members',
        payload: { orgId: s.union.id, name: '李秀英', gender: 'female', idNumber, joinedDate: '2019-01-01' },
      };
    },
    status: 201,
  },
  'PATCH /api/members/:id': {
    access: 'members.manage',
    request: async (s) => ({
      url: `/api/members/${(await buildMember(w.db, s.union)).id}`,
      payload: { position: '班组长' },
    }),
    status: 200,
  },
  'POST /api/members/:id/status': {
    access: 'members.manage',
    request: async (s) => ({
      url: `/api/members/${(await buildMember(w.db, s.union)).id}/status`,
      payload: { status: 'left', date: '2024-03-01', reason: '离职' },
    }),
    status: 200,
  },
  'POST /api/members/:id/reveal': {
    access: 'members.reveal',
    request: async (s) => ({
      url: `/api/members/${(await buildMember(w.db, s.union)).id}/reveal`,
      payload: { field: 'idNumber' },
    }),
    status: 200,
  },
  'GET /api/portal/card': {
    access: 'portal.use',
    actor: 'member',
    request: () => ({ url: '/api/portal/card' }),
    status: 200,
    outside: false,
  },
  'GET /api/portal/member': {
    access: 'portal.use',
    actor: 'member',
    request: () => ({ url: '/api/portal/member' }),
    status: 200,
    outside: false,
  },
  'GET /api/portal/member/download': {
    access: 'portal.use',
    actor: 'member',
    request: () => ({ url: '/api/portal/member/download' }),
    status: 200,
    outside: false,
  },
  'POST /api/portal/member/corrections': {
    access: 'portal.use',
    actor: 'member',
    request: () => ({ url: '/api/portal/member/corrections', payload: { changes: { position: '班组长' } } }),
    status: 201,
    outside: false,
  },
  'GET /api/portal/member/corrections': {
    access: 'portal.use',
    actor: 'member',
    request: () => ({ url: '/api/portal/member/corrections' }),
    status: 200,
    outside: false,
  },
  'GET /api/members/corrections': {
    access: 'members.manage',
    request: () => ({ url: '/api/members/corrections' }),
    status: 200,
    outside: false,
  },
  'POST /api/members/corrections/:id/approve': {
    access: 'members.manage',
    request: async (s) => ({ url: `/api/members/corrections/${await pendingCorrection(s)}/approve` }),
    status: 200,
  },
  'POST /api/members/corrections/:id/reject': {
    access: 'members.manage',
    request: async (s) => ({
      url: `/api/members/corrections/${await pendingCorrection(s)}/reject`,
      payload: { comment: '信息无误' },
    }),
    status: 200,
  },
  'GET /api/cards/verify': {
    access: 'public',
    request: async (s) => {
      const m = await buildMember(w.db, s.union);
      return {
        url: `/api/cards/verify?token=${encodeURIComponent(signCardToken(testKeyRing, m.id, m.cardNo, new Date()))}`,
      };
    },
    status: 200,
  },
  'GET /api/audit': {
    access: 'audit.read',
    request: () => ({ url: '/api/audit' }),
    status: 200,
    outside: false,
  },
  'GET /api/portal/home': {
    access: 'portal.use',
    request: () => ({ url: '/api/portal/home' }),
    status: 200,
    actor: 'member',
    outside: false,
  },
};

let city: City;
const rootOf = () => city.root;
const inside = (): Side => ({ county: city.countyA, union: city.unionA });
const outside = (): Side => ({ county: city.countyB, union: city.unionB });

beforeAll(async () => {
  city = await buildCity(w.db);
});

/** A fresh session for each check, so a logout or password change cannot disturb the next one. */
async function agentFor(kind: 'admin' | 'member' | 'lacking-admin' | 'lacking-member'): Promise<Agent> {
  const role = {
    admin: 'union_admin',
    member: 'member',
    'lacking-admin': 'member',
    'lacking-member': 'union_cadre',
  } as const;
  const org = kind.endsWith('member') || kind === 'lacking-admin' ? city.unionA : city.countyA;
  // An allowed member is a real one: their account is linked to a member record.
  const memberId = kind === 'member' ? (await buildMember(w.db, city.unionA)).id : undefined;
  return signIn(w.app, (await buildUser(w.db, role[kind], org, { memberId })).username);
}

const send = (agent: Agent | null, method: string, req: Req) =>
  agent
    ? agent.request(method as 'GET', req.url, req.payload)
    : w.app.inject({
        method: method as 'GET',
        url: req.url,
        ...(req.payload === undefined ? {} : { payload: req.payload as object }),
      });

type Check = '401 without a session' | '403 lacking the permission' | '404 in another subtree' | 'allowed';

/** The checks that apply to an entry: public routes have no 401, session-only routes no 403. */
function checksOf(entry: Entry): Check[] {
  const checks: Check[] = [];
  if (entry.access !== 'public') checks.push('401 without a session');
  if (entry.access !== 'public' && entry.access !== 'authenticated') checks.push('403 lacking the permission');
  if (entry.access !== 'public' && entry.outside !== false) checks.push('404 in another subtree');
  checks.push('allowed');
  return checks;
}

const cases = Object.entries(matrix).flatMap(([key, entry]) =>
  checksOf(entry).map((check) => [key, check, entry] as const),
);

describe('authorization matrix', () => {
  it('has an entry for every registered route, no entry without a route, and the declared access', () => {
    const registered = new Map(w.app.apiRoutes.map((r) => [`${r.method} ${r.url}`, r.access]));
    expect(
      [...registered.keys()].filter((k) => !(k in matrix)),
      'routes without a matrix entry',
    ).toEqual([]);
    expect(
      Object.keys(matrix).filter((k) => !registered.has(k)),
      'entries without a route',
    ).toEqual([]);
    for (const [key, entry] of Object.entries(matrix)) expect(registered.get(key), key).toBe(entry.access);
  });

  it.each(cases)('%s: %s', async (key, check, entry) => {
    const [method = 'GET'] = key.split(' ');
    if (check === '401 without a session') {
      const res = await send(null, method, await entry.request(inside()));
      expect(res.statusCode, res.body).toBe(401);
    } else if (check === '403 lacking the permission') {
      const agent = await agentFor(entry.actor === 'member' ? 'lacking-member' : 'lacking-admin');
      const res = await send(agent, method, await entry.request(inside()));
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error).toBe('auth/forbidden');
    } else if (check === '404 in another subtree') {
      const agent = await agentFor(entry.actor ?? 'admin');
      const res = await send(agent, method, await entry.request(outside()));
      expect(res.statusCode, res.body).toBe(404);
    } else {
      const agent = await agentFor(entry.actor ?? 'admin');
      const res = await send(agent, method, await entry.request(inside()));
      expect(res.statusCode, res.body).toBe(entry.status);
    }
  });
});
