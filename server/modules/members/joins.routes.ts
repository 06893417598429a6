import { meResponse } from '../../../shared/schemas/auth';
import { idParams } from '../../../shared/schemas/common';
import {
  joinLinkResponse,
  joinList,
  joinListQuery,
  joinPage,
  joinRejectBody,
  joinRequestBody,
  joinTokenParams,
  joinUnionList,
  joinUnionSearchQuery,
  joinUnionView,
  joinView,
  registerBody,
} from '../../../shared/schemas/joins';
import { revealBody, revealResponse } from '../../../shared/schemas/members';
import type { App } from '../../app';
import { chinaDate } from '../../lib/dates';
import { requestMeta } from '../../plugins/auth';
import { answerWithSession } from '../auth/auth.routes';
import { getOrgInScope } from '../orgs/orgs.queries';
import {
  getJoinableUnion,
  joinToken,
  listJoins,
  listOwnJoins,
  searchJoinableUnions,
  unionOfJoinToken,
} from './joins.queries';
import { decideJoin, registerApplicant, revealJoinField, submitJoin, viewJoin } from './joins.service';

const tags = ['入会申请'];

/** Joining: a worker registers and applies in the portal; the chosen union approves or rejects with a reason. */
export async function joinRoutes(app: App) {
  app.post(
    '/api/portal/register',
    {
      schema: {
        tags,
        summary: '职工注册会员服务账号（手机号 + 密码），注册后即登录',
        body: registerBody,
        response: { 201: meResponse },
      },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const now = app.clock();
      const meta = requestMeta(req);
      const session = await registerApplicant({ db: app.db, config: app.config, now, meta }, req.body);
      const me = await answerWithSession(app, reply, session, { now, meta, secure: req.protocol === 'https' });
      return reply.status(201).send(me);
    },
  );

  app.get(
    '/api/join/unions/:token',
    {
      schema: {
        tags,
        summary: '入会二维码对应的工会（名称、类型、上级组织）',
        params: joinTokenParams,
        response: { 200: joinUnionView },
      },
      config: { access: 'public' },
    },
    (req) => unionOfJoinToken(app.db, app.pii, req.params.token),
  );

  app.get(
    '/api/join/unions',
    {
      schema: {
        tags,
        summary: '按名称查找可申请加入的基层工会',
        querystring: joinUnionSearchQuery,
        response: { 200: joinUnionList },
      },
      config: { access: 'authenticated' },
    },
    (req) => searchJoinableUnions(req.ctx.db, req.query),
  );

  app.post(
    '/api/portal/join',
    {
      schema: { tags, summary: '提交入会申请', body: joinRequestBody, response: { 201: joinView } },
      config: { access: 'authenticated' },
    },
    async (req, reply) => reply.status(201).send(await submitJoin(req.ctx, req.body)),
  );

  app.get(
    '/api/portal/join',
    {
      schema: { tags, summary: '我的入会申请', response: { 200: joinList } },
      config: { access: 'authenticated' },
    },
    (req) => listOwnJoins(req.ctx.db, req.ctx.actor.accountId, chinaDate(req.ctx.now)),
  );

  app.get(
    '/api/members/joins',
    {
      schema: { tags, summary: '入会申请（本级及下级）', querystring: joinListQuery, response: { 200: joinPage } },
      config: { access: 'members.manage' },
    },
    (req) => listJoins(req.ctx.db, req.ctx.scope, req.query, chinaDate(req.ctx.now)),
  );

  app.get(
    '/api/members/joins/:id',
    {
      schema: { tags, summary: '入会申请详情（留痕）', params: idParams, response: { 200: joinView } },
      config: { access: 'members.manage' },
    },
    (req) => viewJoin(req.ctx, req.params.id),
  );

  app.post(
    '/api/members/joins/:id/reveal',
    {
      schema: {
        tags,
        summary: '查看申请人完整身份证号或手机号（留痕）',
        params: idParams,
        body: revealBody,
        response: { 200: revealResponse },
      },
      config: { access: 'members.reveal' },
    },
    (req) => revealJoinField(req.ctx, req.params.id, req.body.field),
  );

  app.post(
    '/api/members/joins/:id/approve',
    {
      schema: {
        tags,
        summary: '通过入会申请（登记为会员并开通会员服务）',
        params: idParams,
        response: { 200: joinView },
      },
      config: { access: 'members.manage' },
    },
    (req) => decideJoin(req.ctx, req.params.id, { approve: true }),
  );

  app.post(
    '/api/members/joins/:id/reject',
    {
      schema: {
        tags,
        summary: '驳回入会申请（申请人可看到原因）',
        params: idParams,
        body: joinRejectBody,
        response: { 200: joinView },
      },
      config: { access: 'members.manage' },
    },
    (req) => decideJoin(req.ctx, req.params.id, { approve: false, comment: req.body.comment }),
  );

  app.get(
    '/api/orgs/:id/join-link',
    {
      schema: {
        tags,
        summary: '工会的入会链接（用于生成入会二维码）',
        params: idParams,
        response: { 200: joinLinkResponse },
      },
      config: { access: 'members.manage' },
    },
    async (req) => {
      const org = await getOrgInScope(req.ctx.db, req.ctx.scope, req.params.id);
      // Only a union that accepts applications gets a link (not a federation, not a dissolved union).
      await getJoinableUnion(req.ctx.db, org.id);
      const token = joinToken(app.pii, org.id);
      return { union: { id: org.id, name: org.name }, token, path: `/m/join?union=${encodeURIComponent(token)}` };
    },
  );
}
