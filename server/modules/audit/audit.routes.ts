import { auditPage, auditQuery } from '../../../shared/schemas/audit';
import type { App } from '../../app';
import { searchAudit } from './audit.queries';

/** Searching the audit log; there is deliberately no route that changes or deletes it. */
export async function auditRoutes(app: App) {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['审计'],
        summary: '查询审计日志',
        querystring: auditQuery,
        response: { 200: auditPage },
      },
      config: { access: 'audit.read' },
    },
    (req) => searchAudit(req.ctx.db, req.ctx.scope, req.query),
  );
}
