import { and, eq } from 'drizzle-orm';
import { portalHomeResponse } from '../../../shared/schemas/system';
import type { App } from '../../app';
import { breadcrumbsOf } from '../orgs/orgs.queries';
import { orgs } from '../orgs/orgs.tables';

/** The member portal (phone-sized, /m). A member's scope is only their own union. */
export async function portalRoutes(app: App) {
  app.get(
    '/api/portal/home',
    {
      schema: {
        tags: ['会员服务'],
        summary: '会员首页：本人所在工会',
        response: { 200: portalHomeResponse },
      },
      config: { access: 'portal.use' },
    },
    async (req) => {
      const { ctx } = req;
      const grant = ctx.scope.grants[0];
      const [union] = grant
        ? await ctx.db
            .select()
            .from(orgs)
            .where(and(eq(orgs.id, grant.orgId), eq(orgs.status, 'active')))
        : [];
      if (!union) return { displayName: ctx.actor.displayName, union: null };
      // The member sees the chain above their union by name, which the union itself would show.
      const [crumbs] = await breadcrumbsOf(ctx.db, { permission: null, paths: ['/'], grants: [] }, [union.path]);
      return {
        displayName: ctx.actor.displayName,
        union: {
          id: union.id,
          name: union.name,
          type: union.type,
          address: union.address,
          contactName: union.contactName,
          contactPhone: union.contactPhone,
          breadcrumbs: crumbs ?? [],
        },
      };
    },
  );
}
