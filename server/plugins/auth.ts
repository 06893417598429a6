import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isPermissionCode, type PermissionCode } from '../../shared/permissions';
import type { Config } from '../config';
import type { Actor, Ctx, RequestMeta } from '../context';
import type { Db } from '../db/client';
import type { KeyRing } from '../lib/pii';
import { appendAudit } from '../modules/audit/audit.service';
import { loadSession, sessionCookie } from '../modules/auth/sessions';
import { AppError } from './errors';
import { scopeFor } from './scope';

/** What a route requires: a permission code, any signed-in account, or nothing. */
export type RouteAccess = PermissionCode | 'authenticated' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every /api route declares it; the matrix test enumerates routes by it. */
    access?: RouteAccess;
    /** Reachable while the account must still change its initial password. */
    allowBeforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The service context; set on every route that is not public. */
    ctx: Ctx;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The client's address and agent, as the audit log records them. */
export function requestMeta(req: FastifyRequest): RequestMeta {
  return { ip: req.ip ?? null, userAgent: req.headers['user-agent']?.slice(0, 300) ?? null };
}

function sameToken(a: string | undefined, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * Authentication, CSRF and permission checks from each route's `config.access`, then the service
 * context whose scope is the subtrees where the actor holds that permission.
 */
export function registerAuth(app: FastifyInstance, deps: { db: Db; config: Config; clock: () => Date; pii: KeyRing }) {
  app.decorateRequest('actor', null);
  app.decorateRequest('ctx', null as unknown as Ctx);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access || !(access === 'public' || access === 'authenticated' || isPermissionCode(access))) {
      throw new Error(`route ${route.method} ${route.url} must declare config.access`);
    }
  });

  app.addHook('onRequest', async (req, reply) => {
    const access = req.routeOptions.config?.access;
    if (!access || access === 'public') return;
    const now = deps.clock();
    const token = req.cookies[sessionCookie];
    const found = token ? await loadSession(deps.db, token, now, deps.config) : null;
    if (!found || 'expired' in found) {
      if (token) reply.clearCookie(sessionCookie, { path: '/' });
      throw new AppError(found ? 'auth/session_expired' : 'auth/unauthenticated');
    }
    const actor = found.actor;
    req.actor = actor;
    if (
      !safeMethods.has(req.method) &&
      !sameToken(req.headers['x-csrf-token'] as string | undefined, actor.session.csrfToken)
    ) {
      throw new AppError('auth/csrf');
    }
    if (actor.mustChangePassword && !req.routeOptions.config.allowBeforePasswordChange) {
      throw new AppError('auth/password_change_required');
    }
    const permission = access === 'authenticated' ? null : access;
    if (permission && !actor.permissions.has(permission)) {
      if (!safeMethods.has(req.method)) {
        await appendAudit(
          deps.db,
          { actor, grant: null, meta: requestMeta(req), at: now },
          {
            action: 'access.denied',
            result: 'denied',
            orgPath: actor.orgPath,
            details: { route: `${req.method} ${req.routeOptions.url}`, permission },
          },
        );
      }
      throw new AppError('auth/forbidden');
    }
    const scope = permission ? scopeFor(actor, permission) : { permission: null, paths: [], grants: [] };
    req.ctx = {
      db: deps.db,
      rootDb: deps.db,
      actor,
      scope,
      now,
      meta: requestMeta(req),
      config: deps.config,
      pii: deps.pii,
    };
  });
}
