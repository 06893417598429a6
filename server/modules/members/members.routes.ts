import { idParams } from '../../../shared/schemas/common';
import {
  createMemberBody,
  memberHistoryList,
  memberListQuery,
  memberPage,
  memberStatsQuery,
  memberStatsResponse,
  memberStatusBody,
  memberView,
  revealBody,
  revealResponse,
  updateMemberBody,
} from '../../../shared/schemas/members';
import type { App } from '../../app';
import { chinaDate } from '../../lib/dates';
import { sendDownload, xlsxMime } from '../../lib/download';
import { audit } from '../audit/audit.service';
import { exportMembers } from './members.export';
import { getMemberInScope, listMemberHistory, listMembers, maskedQuery, toMemberView } from './members.queries';
import { changeMemberStatus, createMember, revealMemberField, updateMember } from './members.service';
import { memberStats } from './members.stats';

const tags = ['会员'];

/** The member roster: registration, search, details, status and audited reveals. */
export async function memberRoutes(app: App) {
  app.get(
    '/api/members',
    {
      schema: {
        tags,
        summary: '会员名册（检索、筛选、分页）',
        querystring: memberListQuery,
        response: { 200: memberPage },
      },
      config: { access: 'members.read' },
    },
    async (req) => {
      const { ctx, query } = req;
      const page = await listMembers(ctx.db, ctx.scope, query, ctx.pii, chinaDate(ctx.now));
      // Lists carry names and masked numbers: personal data, so the search itself is audited.
      const { cursor: _c, limit: _l, q, ...rest } = query;
      const filters = q ? { ...rest, q: maskedQuery(q) } : rest;
      await audit(ctx, {
        action: 'members.search',
        targetType: 'member',
        orgPath: ctx.actor.orgPath,
        details: { filters, results: page.items.length },
      });
      return page;
    },
  );

  app.get(
    '/api/members/export',
    {
      schema: {
        tags,
        summary: '导出会员名册（.xlsx；无查看完整信息权限时身份证号、手机号脱敏）',
        querystring: memberListQuery,
        produces: [xlsxMime],
      },
      config: { access: 'members.read' },
    },
    async (req, reply) => {
      const { stream, done } = await exportMembers(req.ctx, req.query);
      done.catch((err: unknown) => req.log.error({ err }, 'member export aborted'));
      const name = `会员名册-${chinaDate(req.ctx.now).replaceAll('-', '')}.xlsx`;
      return sendDownload(reply, name, xlsxMime, stream);
    },
  );

  app.get(
    '/api/members/stats',
    {
      schema: {
        tags,
        summary: '会员统计（按下级组织、职工类别、性别、年龄段、入会月份）',
        querystring: memberStatsQuery,
        response: { 200: memberStatsResponse },
      },
      config: { access: 'members.read' },
    },
    (req) => memberStats(req.ctx.db, req.ctx.scope, req.query.orgId, chinaDate(req.ctx.now)),
  );

  app.get(
    '/api/members/:id',
    {
      schema: { tags, summary: '会员详情', params: idParams, response: { 200: memberView } },
      config: { access: 'members.read' },
    },
    async (req) => {
      const { ctx } = req;
      const member = await getMemberInScope(ctx.db, ctx.scope, req.params.id);
      await audit(ctx, {
        action: 'members.view',
        targetType: 'member',
        targetId: member.id,
        targetName: member.name,
        orgPath: member.orgPath,
      });
      return toMemberView(member, chinaDate(ctx.now));
    },
  );

  app.get(
    '/api/members/:id/history',
    {
      schema: { tags, summary: '会员信息变更记录', params: idParams, response: { 200: memberHistoryList } },
      config: { access: 'members.read' },
    },
    (req) => listMemberHistory(req.ctx.db, req.ctx.scope, req.params.id),
  );

  app.post(
    '/api/members',
    {
      schema: { tags, summary: '登记会员', body: createMemberBody, response: { 201: memberView } },
      config: { access: 'members.manage' },
    },
    async (req, reply) => reply.status(201).send(await createMember(req.ctx, req.body)),
  );

  app.patch(
    '/api/members/:id',
    {
      schema: {
        tags,
        summary: '编辑会员信息',
        params: idParams,
        body: updateMemberBody,
        response: { 200: memberView },
      },
      config: { access: 'members.manage' },
    },
    (req) => updateMember(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/api/members/:id/status',
    {
      schema: {
        tags,
        summary: '变更会员状态（在册、转出、退会、去世）',
        params: idParams,
        body: memberStatusBody,
        response: { 200: memberView },
      },
      config: { access: 'members.manage' },
    },
    (req) => changeMemberStatus(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/api/members/:id/reveal',
    {
      schema: {
        tags,
        summary: '查看完整身份证号或手机号（留痕）',
        params: idParams,
        body: revealBody,
        response: { 200: revealResponse },
      },
      config: { access: 'members.reveal' },
    },
    (req) => revealMemberField(req.ctx, req.params.id, req.body.field),
  );
}
