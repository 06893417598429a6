import { eq } from 'drizzle-orm';
import { systemInfoResponse } from '../../../shared/schemas/auth';
import { healthResponse } from '../../../shared/schemas/system';
import type { App } from '../../app';
import { migrationLevel } from '../../db/client';
import { settings } from './system.tables';

export const demoPassword = 'Demo@2024gh';
export const demoAccounts = [
  { username: 'city_admin', password: demoPassword, description: '平台管理员（南通市总工会）' },
  { username: 'haimen_admin', password: demoPassword, description: '工会管理员（海门区总工会）' },
  { username: 'haimen_finance', password: demoPassword, description: '财务人员（海门区总工会，帮扶资金发放）' },
  { username: 'union_admin', password: demoPassword, description: '基层工会管理员（海门区一家企业工会）' },
  { username: 'worker', password: demoPassword, description: '会员（手机端 /m）' },
];

/** Health, OpenAPI and what the login page needs to know about this deployment. */
export async function systemRoutes(app: App) {
  app.get(
    '/api/health',
    {
      schema: { tags: ['系统'], summary: '健康检查', response: { 200: healthResponse } },
      config: { access: 'public' },
    },
    async () => ({
      status: 'ok' as const,
      engine: app.database.engine,
      migration: await migrationLevel(app.db),
      time: app.clock().toISOString(),
    }),
  );

  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());

  app.get(
    '/api/system/info',
    {
      schema: {
        tags: ['系统'],
        summary: '部署信息（演示账号仅在演示模式下返回）',
        response: { 200: systemInfoResponse },
      },
      config: { access: 'public' },
    },
    async () => {
      const [row] = await app.db.select().from(settings).where(eq(settings.key, 'demo'));
      const demo = !app.config.production && row?.value === true;
      return { name: '智慧工会平台', demo, demoAccounts: demo ? demoAccounts : [] };
    },
  );
}
