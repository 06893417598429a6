/**
 * The authorization matrix: every registered /api route, checked for 401 without a session, 403 for
 * an account lacking the route's permission, 404 for a target in another subtree, and success for an
 * allowed account. A route with no entry here fails the suite.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { memberImports } from '../server/modules/members/imports/imports.tables';
import { joinToken } from '../server/modules/members/joins.queries';
import { signCardToken } from '../server/modules/members/members.card';
import { memberCorrections } from '../server/modules/members/members.tables';
import type { OrgRow } from '../server/modules/orgs/orgs.tables';
import { makeApplicant, makeJoinApplication, makeTransfer } from '../server/seed/demoJoins';
import { makeOrg } from '../server/seed/factories';
import { testKeyRing, useTestApp } from './app';
import {
  type Agent,
  buildCity,
  buildMember,
  buildUser,
  type City,
  multipartBody,
  signIn,
  signInAs,
  testPassword,
  type UploadPart,
  uid,
  uniqueIdNumber,
} from './factories';
import { docxOf } from './fixtures/docx';
import { rosterXlsx } from './fixtures/rosters';
import { moduleEntries } from './matrix/modules';
import type { Entry, Req, Side } from './matrix/types';

const w = useTestApp();

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

/** An import of the side's union, validated and waiting for commit (no rows: nothing to add). */
async function stagedImport(side: Side) {
  const [row] = await w.db
    .insert(memberImports)
    .values({
      orgId: side.union.id,
      orgPath: side.union.path,
      fileName: '矩阵.xlsx',
      fileSha256: '0'.repeat(64),
      fileKind: 'xlsx',
      headers: ['姓名', '身份证号'],
      status: 'ready',
      createdBy: 0,
      createdByName: '矩阵',
      createdAt: new Date(),
    })
    .returning({ id: memberImports.id });
  return row?.id;
}

const freshUnion = (side: Side) =>
  makeOrg(w.db, side.county, { name: `矩阵工会${uid()}`, type: 'grassroots_enterprise' });
const freshUser = (side: Side) => buildUser(w.db, 'union_cadre', side.union);

/** A pending join application to the side's union, from a newly registered applicant. */
async function pendingJoin(side: Side) {
  const mobile = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const applicant = await makeApplicant(w.db, rootOf(), { name: '矩阵申请人', mobile, password: testPassword });
  const row = await makeJoinApplication(w.db, testKeyRing, side.union, applicant.id, {
    name: '矩阵申请人',
    idNumber: uniqueIdNumber(),
    mobile,
  });
  return row.id;
}

/** A pending transfer into the side's union, started by the sending union (so the side's union decides). */
async function pendingTransferIn(side: Side) {
  const member = await buildMember(w.db, await freshUnion(side));
  return (await makeTransfer(w.db, member, side.union, { initiatedBy: 'sending', requestedBy: 0 })).id;
}

/** A grassroots union directly under the root, outside both sides. */
const elsewhere = () => makeOrg(w.db, rootOf(), { name: `矩阵直属工会${uid()}`, type: 'grassroots_enterprise' });

const joinBody = (orgId: number) => ({
  orgId,
  name: '李秀英',
  gender: 'female',
  idNumber: uniqueIdNumber({ gender: 'female', birthDate: '1990-02-03' }),
  employerName: '矩阵公司',
});

/** A work plan of the side's county with one task for `assignee` (a 60-名 share), published unless a draft is asked for. */
async function countyPlan(side: Side, opts: { assignee?: OrgRow; draft?: boolean } = {}) {
  const admin = (await signInAs(w.app, w.db, 'union_admin', side.county)).agent;
  const assignee = opts.assignee ?? side.union;
  const created = await admin.post('/api/documents', {
    type: 'work_plan',
    title: `矩阵工作要点${uid()}`,
    sections: [
      {
        title: '重点工作',
        tasks: [
          {
            number: '1',
            title: '开展班组长培训',
            startMonth: '2026-01',
            endMonth: '2026-12',
            leadDepartments: ['劳动和经济工作部'],
            assignment: { mode: 'orgs', orgIds: [assignee.id] },
            targets: [{ metric: '培训班组长', unit: '名', value: 60, allotments: [{ orgId: assignee.id, value: 60 }] }],
          },
        ],
      },
    ],
  });
  if (created.statusCode !== 201) throw new Error(`plan: ${created.body}`);
  const id = created.json().id as number;
  if (!opts.draft) await admin.post(`/api/documents/${id}/publish`);
  const doc = (await admin.get(`/api/documents/${id}`)).json();
  const task = doc.sections[0].tasks[0] as { id: number; targets: { id: number }[] };
  return { id, task, targetId: task.targets[0]?.id as number, admin };
}

/** A report of the side's union on its county's plan, with a photo. */
async function countyReport(side: Side) {
  const plan = await countyPlan(side);
  const res = await plan.admin.upload('/api/workplans/reports', [
    ...reportParts(plan.task.id, plan.targetId, side.union.id),
    { name: 'files', fileName: '现场.png', data: tinyPng },
  ]);
  if (res.statusCode !== 201) throw new Error(`report: ${res.body}`);
  return res.json() as { id: number; files: { id: number }[] };
}

const reportParts = (taskId: number, targetId: number, orgId: number): UploadPart[] => [
  { name: 'taskId', value: String(taskId) },
  { name: 'targetId', value: String(targetId) },
  { name: 'orgId', value: String(orgId) },
  { name: 'value', value: '3' },
  { name: 'narrative', value: '开展培训' },
  { name: 'reportDate', value: '2026-03-01' },
];

const tinyPng = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6e3b60000000049454e44ae426082',
  'hex',
);

const ownEntries: Record<string, Entry> = {
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
  'GET /api/members/imports/template': {
    access: 'members.manage',
    request: () => ({ url: '/api/members/imports/template' }),
    status: 200,
    outside: false,
  },
  'POST /api/members/imports': {
    access: 'members.manage',
    request: async (s) => ({
      url: '/api/members/imports',
      multipart: [
        { name: 'orgId', value: String(s.union.id) },
        {
          name: 'file',
          fileName: '名册.xlsx',
          data: await rosterXlsx([
            ['姓名', '身份证号'],
            ['矩阵', uniqueIdNumber()],
          ]),
        },
      ],
    }),
    status: 201,
  },
  'GET /api/members/imports/progress': {
    access: 'members.manage',
    request: () => ({ url: '/api/members/imports/progress?key=matrix-key-1' }),
    status: 200,
    outside: false,
  },
  'GET /api/members/imports': {
    access: 'members.manage',
    request: () => ({ url: '/api/members/imports' }),
    status: 200,
    outside: false,
  },
  'GET /api/members/imports/:id': {
    access: 'members.manage',
    request: async (s) => ({ url: `/api/members/imports/${await stagedImport(s)}` }),
    status: 200,
  },
  'GET /api/members/imports/:id/errors': {
    access: 'members.manage',
    request: async (s) => ({ url: `/api/members/imports/${await stagedImport(s)}/errors` }),
    status: 200,
  },
  'GET /api/members/imports/:id/report': {
    access: 'members.manage',
    request: async (s) => ({ url: `/api/members/imports/${await stagedImport(s)}/report` }),
    status: 200,
  },
  'POST /api/members/imports/:id/commit': {
    access: 'members.manage',
    request: async (s) => ({ url: `/api/members/imports/${await stagedImport(s)}/commit` }),
    status: 200,
  },
  'POST /api/portal/register': {
    access: 'public',
    request: (s) => ({
      url: '/api/portal/register',
      payload: {
        name: '矩阵',
        mobile: `136${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
        password: 'Matrix@2024reg',
        unionId: s.union.id,
      },
    }),
    status: 201,
  },
  'GET /api/join/unions/:token': {
    access: 'public',
    request: (s) => ({ url: `/api/join/unions/${joinToken(testKeyRing, s.union.id)}` }),
    status: 200,
  },
  'GET /api/join/unions': {
    access: 'authenticated',
    request: () => ({ url: `/api/join/unions?q=${encodeURIComponent('工会')}` }),
    status: 200,
    outside: false,
  },
  'POST /api/portal/join': {
    access: 'authenticated',
    request: (s) => ({ url: '/api/portal/join', payload: joinBody(s.union.id) }),
    status: 201,
    outside: false,
  },
  'GET /api/portal/join': {
    access: 'authenticated',
    request: () => ({ url: '/api/portal/join' }),
    status: 200,
    outside: false,
  },
  'GET /api/members/joins': {
    access: 'members.manage',
    request: () => ({ url: '/api/members/joins' }),
    status: 200,
    outside: false,
  },
  'GET /api/members/joins/:id': {
    access: 'members.manage',
    request: async (s) => ({ url: `/api/members/joins/${await pendingJoin(s)}` }),
    status: 200,
  },
  'POST /api/members/joins/:id/reveal': {
    access: 'members.reveal',
    request: async (s) => ({
      url: `/api/members/joins/${await pendingJoin(s)}/reveal`,
      payload: { field: 'idNumber' },
    }),
    status: 200,
  },
  'POST /api/members/joins/:id/approve': {
    access: 'members.manage',
    request: async (s) => ({ url: `/api/members/joins/${await pendingJoin(s)}/approve` }),
    status: 200,
  },
  'POST /api/members/joins/:id/reject': {
    access: 'members.manage',
    request: async (s) => ({
      url: `/api/members/joins/${await pendingJoin(s)}/reject`,
      payload: { comment: '不符合条件' },
    }),
    status: 200,
  },
  'GET /api/orgs/:id/join-link': {
    access: 'members.manage',
    request: (s) => ({ url: `/api/orgs/${s.union.id}/join-link` }),
    status: 200,
  },
  'POST /api/members/transfers/out': {
    access: 'members.manage',
    request: async (s) => ({
      url: '/api/members/transfers/out',
      payload: { memberId: (await buildMember(w.db, s.union)).id, toOrgId: (await freshUnion(s)).id },
    }),
    status: 201,
  },
  'POST /api/members/transfers/in': {
    access: 'members.manage',
    request: async (s) => {
      const idNumber = uniqueIdNumber();
      await buildMember(w.db, await elsewhere(), { idNumber });
      return { url: '/api/members/transfers/in', payload: { idNumber, toOrgId: s.union.id } };
    },
    status: 201,
  },
  'GET /api/members/transfers': {
    access: 'members.manage',
    request: () => ({ url: '/api/members/transfers' }),
    status: 200,
    outside: false,
  },
  'POST /api/members/transfers/:id/accept': {
    access: 'members.manage',
    request: async (s) => ({ url: `/api/members/transfers/${await pendingTransferIn(s)}/accept` }),
    status: 200,
  },
  'POST /api/members/transfers/:id/decline': {
    access: 'members.manage',
    request: async (s) => ({
      url: `/api/members/transfers/${await pendingTransferIn(s)}/decline`,
      payload: { comment: '不同意' },
    }),
    status: 200,
  },
  'POST /api/portal/member/transfers': {
    access: 'portal.use',
    actor: 'member',
    request: async () => ({ url: '/api/portal/member/transfers', payload: { toOrgId: (await elsewhere()).id } }),
    status: 201,
    outside: false,
  },
  'GET /api/portal/member/transfers': {
    access: 'portal.use',
    actor: 'member',
    request: () => ({ url: '/api/portal/member/transfers' }),
    status: 200,
    outside: false,
  },
  'POST /api/documents/parse': {
    access: 'workplans.manage',
    request: () => ({
      url: '/api/documents/parse',
      payload: { text: '一、重点工作\n1.开展培训（2026年3月起）。培训100名。' },
    }),
    status: 200,
    outside: false,
  },
  'POST /api/documents/parse-docx': {
    access: 'workplans.manage',
    request: () => ({
      url: '/api/documents/parse-docx',
      multipart: [{ name: 'file', fileName: '通知.docx', data: docxOf(['一、重点工作', '1.开展培训。培训100名。']) }],
    }),
    status: 200,
    outside: false,
  },
  'GET /api/documents': {
    access: 'workplans.read',
    request: () => ({ url: '/api/documents' }),
    status: 200,
    outside: false,
  },
  'POST /api/documents': {
    access: 'workplans.manage',
    request: () => ({
      url: '/api/documents',
      payload: { type: 'other', title: '矩阵草稿', sections: [] },
    }),
    status: 201,
    outside: false,
  },
  'GET /api/documents/:id': {
    access: 'workplans.read',
    request: async (s) => ({ url: `/api/documents/${(await countyPlan(s)).id}` }),
    status: 200,
  },
  'PUT /api/documents/:id': {
    access: 'workplans.manage',
    request: async (s) => ({
      url: `/api/documents/${(await countyPlan(s, { draft: true })).id}`,
      payload: { type: 'other', title: '矩阵草稿（改）', sections: [] },
    }),
    status: 200,
  },
  'DELETE /api/documents/:id': {
    access: 'workplans.manage',
    request: async (s) => ({ url: `/api/documents/${(await countyPlan(s, { draft: true })).id}` }),
    status: 200,
  },
  'POST /api/documents/:id/publish': {
    access: 'workplans.manage',
    request: async (s) => ({ url: `/api/documents/${(await countyPlan(s, { draft: true })).id}/publish` }),
    status: 200,
  },
  'POST /api/documents/:id/close': {
    access: 'workplans.manage',
    request: async (s) => ({ url: `/api/documents/${(await countyPlan(s)).id}/close` }),
    status: 200,
  },
  'GET /api/documents/:id/dashboard': {
    access: 'workplans.read',
    request: async (s) => ({ url: `/api/documents/${(await countyPlan(s)).id}/dashboard` }),
    status: 200,
  },
  'GET /api/documents/:id/export.xlsx': {
    access: 'workplans.read',
    request: async (s) => ({ url: `/api/documents/${(await countyPlan(s)).id}/export.xlsx` }),
    status: 200,
  },
  'GET /api/documents/:id/export.docx': {
    access: 'workplans.read',
    request: async (s) => ({ url: `/api/documents/${(await countyPlan(s)).id}/export.docx` }),
    status: 200,
  },
  'GET /api/workplans/todo': {
    access: 'workplans.read',
    request: (s) => ({ url: `/api/workplans/todo?orgId=${s.union.id}` }),
    status: 200,
  },
  'POST /api/workplans/reports': {
    access: 'workplans.report',
    request: async (s) => {
      const plan = await countyPlan(s);
      return { url: '/api/workplans/reports', multipart: reportParts(plan.task.id, plan.targetId, s.union.id) };
    },
    status: 201,
  },
  'GET /api/workplans/reports': {
    access: 'workplans.read',
    request: () => ({ url: '/api/workplans/reports' }),
    status: 200,
    outside: false,
  },
  'GET /api/workplans/reports/:id': {
    access: 'workplans.read',
    request: async (s) => ({ url: `/api/workplans/reports/${(await countyReport(s)).id}` }),
    status: 200,
  },
  'POST /api/workplans/reports/:id/review': {
    access: 'workplans.review',
    request: async (s) => ({
      url: `/api/workplans/reports/${(await countyReport(s)).id}/review`,
      payload: { decision: 'return', comment: '请补充材料' },
    }),
    status: 200,
  },
  'GET /api/workplans/files/:id': {
    access: 'workplans.read',
    request: async (s) => ({ url: `/api/workplans/files/${(await countyReport(s)).files[0]?.id}` }),
    status: 200,
  },
  'GET /api/workplans/tasks/:id/comments': {
    access: 'workplans.read',
    request: async (s) => ({ url: `/api/workplans/tasks/${(await countyPlan(s)).task.id}/comments` }),
    status: 200,
  },
  'POST /api/workplans/tasks/:id/comments': {
    access: 'workplans.review',
    request: async (s) => ({
      url: `/api/workplans/tasks/${(await countyPlan(s)).task.id}/comments`,
      payload: { orgId: s.union.id, body: '请加快进度' },
    }),
    status: 201,
  },
  'POST /api/workplans/allotments/split': {
    access: 'workplans.report',
    request: async (s) => {
      const holder = await makeOrg(w.db, s.county, { name: `矩阵镇总工会${uid()}`, type: 'town_federation' });
      const child = await makeOrg(w.db, holder, { name: `矩阵镇工会${uid()}`, type: 'grassroots_enterprise' });
      const plan = await countyPlan(s, { assignee: holder });
      return {
        url: '/api/workplans/allotments/split',
        payload: { targetId: plan.targetId, orgId: holder.id, parts: [{ orgId: child.id, value: 20 }] },
      };
    },
    status: 200,
  },
  'GET /api/notifications': {
    access: 'authenticated',
    request: () => ({ url: '/api/notifications' }),
    status: 200,
    outside: false,
  },
  'POST /api/notifications/read': {
    access: 'authenticated',
    request: () => ({ url: '/api/notifications/read', payload: { all: true } }),
    status: 200,
    outside: false,
  },
  'GET /api/metrics': {
    access: 'authenticated',
    request: () => ({ url: '/api/metrics' }),
    status: 200,
    outside: false,
  },
  'GET /api/metrics/:code/value': {
    access: 'orgs.read',
    request: (s) => ({ url: `/api/metrics/members.active/value?orgId=${s.county.id}` }),
    status: 200,
  },
  'GET /api/metrics/:code/records': {
    access: 'orgs.read',
    request: (s) => ({ url: `/api/metrics/members.joined/records?orgId=${s.county.id}&from=2020-01-01` }),
    status: 200,
  },
};

let city: City;
const rootOf = () => city.root;
const matrix: Record<string, Entry> = { ...ownEntries };
for (const entries of moduleEntries) {
  for (const [key, entry] of Object.entries(entries({ w, rootOf }))) {
    if (key in matrix) throw new Error(`duplicate matrix entry ${key}`);
    matrix[key] = entry;
  }
}
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
  req.multipart
    ? agent
      ? agent.upload(req.url, req.multipart)
      : w.app.inject({ method: 'POST', url: req.url, ...uploadRequest(req.multipart) })
    : agent
      ? agent.request(method as 'GET', req.url, req.payload)
      : w.app.inject({
          method: method as 'GET',
          url: req.url,
          ...(req.payload === undefined ? {} : { payload: req.payload as object }),
        });

function uploadRequest(parts: UploadPart[]) {
  const { payload, contentType } = multipartBody(parts);
  return { payload, headers: { 'content-type': contentType } };
}

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
