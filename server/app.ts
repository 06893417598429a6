import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { Database, Db } from './db/client';
import type { KeyRing } from './lib/pii';
import { metricRoutes } from './metrics/metrics.routes';
import { accountRoutes } from './modules/accounts/accounts.routes';
import { assistancePortalRoutes } from './modules/assistance/assistance.portal.routes';
import { assistanceRoutes } from './modules/assistance/assistance.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { hardshipRoutes } from './modules/hardship/hardship.routes';
import { cardRoutes } from './modules/members/cards.routes';
import { correctionRoutes } from './modules/members/corrections.routes';
import { importRoutes } from './modules/members/imports/imports.routes';
import { joinRoutes } from './modules/members/joins.routes';
import { memberRoutes } from './modules/members/members.routes';
import { selfRoutes } from './modules/members/self.routes';
import { transferRoutes } from './modules/members/transfers.routes';
import { notificationRoutes } from './modules/notifications/notifications.routes';
import { orgRoutes } from './modules/orgs/orgs.routes';
import { portalRoutes } from './modules/portal/portal.routes';
import { recuperationPortalRoutes } from './modules/recuperation/recuperation.portal.routes';
import { recuperationRoutes } from './modules/recuperation/recuperation.routes';
import { systemRoutes } from './modules/system/system.routes';
import { visitRoutes } from './modules/visits/visits.routes';
import { workplanRoutes } from './modules/workplans/workplans.routes';
import { type RouteAccess, registerAuth } from './plugins/auth';
import { registerErrorHandling } from './plugins/errors';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    db: Db;
    config: Config;
    clock: () => Date;
    pii: KeyRing;
    /** Every /api route with its declared access, for the authorization matrix. */
    apiRoutes: { method: string; url: string; access: RouteAccess }[];
  }
}

export interface AppOptions {
  database: Database;
  config: Config;
  /** Keys for members' personal data. */
  keyRing: KeyRing;
  /** The time source; tests pass a controllable clock. */
  clock?: () => Date;
  logger?: boolean | { level: string };
}

const csp = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // Ant Design injects its CSS-in-JS as <style> elements.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  upgradeInsecureRequests: null,
};

/** Builds the whole platform on an open database; used by main.ts and by every test. */
export async function buildApp(opts: AppOptions): Promise<App> {
  const { config } = opts;
  const app = Fastify({
    logger: opts.logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const clock = opts.clock ?? (() => new Date());
  app.decorate('database', opts.database);
  app.decorate('db', opts.database.db);
  app.decorate('config', config);
  app.decorate('clock', clock);
  app.decorate('pii', opts.keyRing);
  app.decorate('apiRoutes', []);
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!access) return;
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.apiRoutes.push({ method, url: route.url, access });
    }
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  const hasWeb = fs.existsSync(path.join(config.webDist, 'index.html'));
  registerErrorHandling(app, hasWeb ? config.webDist : null);
  await app.register(helmet, { contentSecurityPolicy: { directives: csp } });
  await app.register(cookie);
  // Only the import route reads multipart bodies; one file per request, size-limited while streaming.
  await app.register(multipart, {
    limits: { fileSize: config.importMaxFileBytes, files: 1, fields: 10, parts: 12, fieldSize: 1024 },
  });
  registerAuth(app, { db: opts.database.db, config, clock, pii: opts.keyRing });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '智慧工会平台 API',
        version: '0.1.0',
        description: '所有接口以 JSON 交互；错误统一为 { error, message, details? }。',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'gh_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  for (const routes of [
    systemRoutes,
    authRoutes,
    orgRoutes,
    accountRoutes,
    auditRoutes,
    memberRoutes,
    importRoutes,
    cardRoutes,
    selfRoutes,
    correctionRoutes,
    joinRoutes,
    transferRoutes,
    portalRoutes,
    metricRoutes,
    workplanRoutes,
    notificationRoutes,
    recuperationRoutes,
    recuperationPortalRoutes,
    hardshipRoutes,
    visitRoutes,
    assistanceRoutes,
    assistancePortalRoutes,
  ]) {
    await app.register(routes);
  }

  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: config.webDist,
      index: false,
      // Directories ("/", "/m/") are pages, not listings: leave them to the single-page fallback.
      allowedPath: (pathName) => !pathName.endsWith('/'),
      // Hashed assets never change; HTML is answered by the not-found fallback with no-cache.
      setHeaders: (reply, file) => {
        if (file.includes(`${path.sep}assets${path.sep}`))
          reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  return app;
}
