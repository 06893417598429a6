import {
  accountListQuery,
  accountPage,
  accountView,
  createAccountBody,
  endSessionsResponse,
  grantInput,
  grantParams,
  resetPasswordBody,
  sessionList,
  updateAccountBody,
} from '../../../shared/schemas/accounts';
import { idParams } from '../../../shared/schemas/common';
import type { App } from '../../app';
import { accountViews, getAccountInScope, listAccounts, listSessions } from './accounts.queries';
import {
  createAccount,
  endSessions,
  grantRole,
  resetPassword,
  revokeGrant,
  setLocked,
  updateAccount,
} from './accounts.service';

const tags = ['账号'];

/** Accounts, role grants and sessions. */
export async function accountRoutes(app: App) {
  app.get(
    '/api/accounts',
    {
      schema: { tags, summary: '账号列表', querystring: accountListQuery, response: { 200: accountPage } },
      config: { access: 'accounts.read' },
    },
    (req) => listAccounts(req.ctx.db, req.ctx.scope, req.query, req.ctx.now, req.ctx.config),
  );

  app.get(
    '/api/accounts/:id',
    {
      schema: { tags, summary: '账号详情', params: idParams, response: { 200: accountView } },
      config: { access: 'accounts.read' },
    },
    async (req) => {
      const row = await getAccountInScope(req.ctx.db, req.ctx.scope, req.params.id);
      const [view] = await accountViews(req.ctx.db, [row], req.ctx.now, req.ctx.config);
      return view;
    },
  );

  app.post(
    '/api/accounts',
    {
      schema: { tags, summary: '新建账号', body: createAccountBody, response: { 201: accountView } },
      config: { access: 'accounts.manage' },
    },
    async (req, reply) => reply.status(201).send(await createAccount(req.ctx, req.body)),
  );

  app.patch(
    '/api/accounts/:id',
    {
      schema: {
        tags,
        summary: '编辑账号',
        params: idParams,
        body: updateAccountBody,
        response: { 200: accountView },
      },
      config: { access: 'accounts.manage' },
    },
    (req) => updateAccount(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/api/accounts/:id/grants',
    {
      schema: {
        tags,
        summary: '授予角色',
        params: idParams,
        body: grantInput,
        response: { 200: accountView },
      },
      config: { access: 'accounts.manage' },
    },
    (req) => grantRole(req.ctx, req.params.id, req.body),
  );

  app.delete(
    '/api/accounts/:id/grants/:grantId',
    {
      schema: { tags, summary: '撤销角色', params: grantParams, response: { 200: accountView } },
      config: { access: 'accounts.manage' },
    },
    (req) => revokeGrant(req.ctx, req.params.id, req.params.grantId),
  );

  app.post(
    '/api/accounts/:id/reset-password',
    {
      schema: {
        tags,
        summary: '重置密码（下次登录须修改）',
        params: idParams,
        body: resetPasswordBody,
        response: { 200: accountView },
      },
      config: { access: 'accounts.manage' },
    },
    (req) => resetPassword(req.ctx, req.params.id, req.body.password),
  );

  app.post(
    '/api/accounts/:id/lock',
    {
      schema: { tags, summary: '锁定账号', params: idParams, response: { 200: accountView } },
      config: { access: 'accounts.manage' },
    },
    (req) => setLocked(req.ctx, req.params.id, true),
  );

  app.post(
    '/api/accounts/:id/unlock',
    {
      schema: { tags, summary: '解锁账号', params: idParams, response: { 200: accountView } },
      config: { access: 'accounts.manage' },
    },
    (req) => setLocked(req.ctx, req.params.id, false),
  );

  app.get(
    '/api/accounts/:id/sessions',
    {
      schema: { tags, summary: '在线会话', params: idParams, response: { 200: sessionList } },
      config: { access: 'sessions.manage' },
    },
    (req) => listSessions(req.ctx.db, req.ctx.scope, req.params.id, req.ctx.now, req.ctx.config),
  );

  app.post(
    '/api/accounts/:id/sessions/end',
    {
      schema: { tags, summary: '强制下线', params: idParams, response: { 200: endSessionsResponse } },
      config: { access: 'sessions.manage' },
    },
    (req) => endSessions(req.ctx, req.params.id),
  );
}
