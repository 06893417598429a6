import { eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { changePasswordBody, loginBody, meResponse } from '../../../shared/schemas/auth';
import { okResponse } from '../../../shared/schemas/common';
import { maskMobile } from '../../../shared/validators/mobile';
import type { App } from '../../app';
import type { Ctx, RequestMeta } from '../../context';
import { requestMeta } from '../../plugins/auth';
import { AppError } from '../../plugins/errors';
import { grantViews } from '../accounts/accounts.queries';
import { accounts } from '../accounts/accounts.tables';
import { appendAudit } from '../audit/audit.service';
import { orgs } from '../orgs/orgs.tables';
import { changePassword, login } from './auth.service';
import { endSessionByToken, loadSession, sessionCookie } from './sessions';

const tags = ['登录与会话'];

/** The caller's account, grants and permission codes: the UI derives menus and buttons from them. */
async function me(ctx: Ctx) {
  const { actor } = ctx;
  const [row] = await ctx.db
    .select({ account: accounts, org: { id: orgs.id, name: orgs.name, type: orgs.type } })
    .from(accounts)
    .innerJoin(orgs, eq(orgs.id, accounts.orgId))
    .where(eq(accounts.id, actor.accountId));
  if (!row) throw new AppError('auth/unauthenticated');
  const grants = (await grantViews(ctx.db, [actor.accountId])).get(actor.accountId) ?? [];
  const effective = new Set(actor.grants.map((g) => g.id));
  return {
    account: {
      id: row.account.id,
      username: row.account.username,
      displayName: row.account.displayName,
      mobile: row.account.mobile ? maskMobile(row.account.mobile) : null,
      mustChangePassword: row.account.mustChangePassword,
      org: row.org,
    },
    grants: grants.filter((g) => effective.has(g.id)),
    permissions: [...actor.permissions].sort(),
    csrfToken: actor.session.csrfToken,
    session: {
      idleTimeoutSeconds: ctx.config.sessionIdleMinutes * 60,
      expiresAt: actor.session.expiresAt.toISOString(),
    },
  };
}

/** Sets the cookie of a session just started and answers what /api/me would (login, registration). */
export async function answerWithSession(
  app: App,
  reply: Pick<FastifyReply, 'setCookie'>,
  session: { token: string; expiresAt: Date },
  opts: { now: Date; meta: RequestMeta; secure: boolean },
) {
  const { now, meta } = opts;
  reply.setCookie(sessionCookie, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: opts.secure,
    expires: session.expiresAt,
  });
  const found = await loadSession(app.db, session.token, now, app.config);
  if (!found || 'expired' in found) throw new AppError('auth/unauthenticated');
  const scope = { permission: null, paths: [], grants: [] };
  return me({ db: app.db, rootDb: app.db, actor: found.actor, scope, now, meta, config: app.config, pii: app.pii });
}

/** Login, logout, password change and the caller's identity. */
export async function authRoutes(app: App) {
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags,
        summary: '登录（用户名或手机号 + 密码），设置会话 Cookie',
        body: loginBody,
        response: { 200: meResponse },
      },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const now = app.clock();
      const meta = requestMeta(req);
      const { session } = await login({ db: app.db, config: app.config, now, meta }, req.body);
      return answerWithSession(app, reply, session, { now, meta, secure: req.protocol === 'https' });
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: { tags, summary: '退出登录', response: { 200: okResponse } },
      config: { access: 'authenticated', allowBeforePasswordChange: true },
    },
    async (req, reply) => {
      const token = req.cookies[sessionCookie];
      if (token) await endSessionByToken(req.ctx.db, token, req.ctx.now, 'logout');
      await appendAudit(
        req.ctx.db,
        { actor: req.ctx.actor, grant: null, meta: req.ctx.meta, at: req.ctx.now },
        {
          action: 'auth.logout',
          targetType: 'account',
          targetId: req.ctx.actor.accountId,
          orgPath: req.ctx.actor.orgPath,
        },
      );
      reply.clearCookie(sessionCookie, { path: '/' });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: { tags, summary: '修改本人密码', body: changePasswordBody, response: { 200: okResponse } },
      config: { access: 'authenticated', allowBeforePasswordChange: true },
    },
    async (req) => {
      await changePassword(req.ctx, req.body);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/me',
    {
      schema: { tags, summary: '当前账号、授权与权限码', response: { 200: meResponse } },
      config: { access: 'authenticated', allowBeforePasswordChange: true },
    },
    (req) => me(req.ctx),
  );
}
