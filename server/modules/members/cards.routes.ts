import { eq } from 'drizzle-orm';
import { memberStatuses } from '../../../shared/memberEnums';
import { cardVerifyQuery, cardVerifyResponse, portalCardResponse } from '../../../shared/schemas/members';
import type { App } from '../../app';
import { orgs } from '../orgs/orgs.tables';
import { cardTokenTtlSeconds, checkCardToken, maskName, signCardToken } from './members.card';
import { getOwnMember } from './members.queries';
import { members } from './members.tables';

const tags = ['会员卡'];
const refusals = {
  malformed: '二维码无法识别',
  signature: '二维码无效（不是本平台签发的会员卡）',
  expired: '二维码已过期，请让会员刷新电子会员卡',
};

/** The electronic member card: the member's own card in the portal, and a check for service points. */
export async function cardRoutes(app: App) {
  app.get(
    '/api/portal/card',
    {
      schema: { tags, summary: '我的电子会员卡（含二维码令牌）', response: { 200: portalCardResponse } },
      config: { access: 'portal.use' },
    },
    async (req) => {
      const { ctx } = req;
      const member = await getOwnMember(ctx.db, ctx.actor.accountId);
      return {
        name: member.name,
        union: member.orgName,
        cardNo: member.cardNo,
        joinedDate: member.joinedDate,
        status: member.status,
        token: signCardToken(ctx.pii, member.id, member.cardNo, ctx.now),
        expiresAt: new Date(ctx.now.getTime() + cardTokenTtlSeconds * 1000).toISOString(),
      };
    },
  );

  app.get(
    '/api/cards/verify',
    {
      schema: {
        tags,
        summary: '核验会员卡二维码（服务网点使用，只返回脱敏姓名和所属工会）',
        querystring: cardVerifyQuery,
        response: { 200: cardVerifyResponse },
      },
      config: { access: 'public' },
    },
    async (req) => {
      const check = checkCardToken(app.pii, req.query.token, app.clock());
      if (!check.ok) return { valid: false, reason: refusals[check.reason], name: null, union: null };
      const [row] = await app.db
        .select({ name: members.name, status: members.status, cardNo: members.cardNo, union: orgs.name })
        .from(members)
        .innerJoin(orgs, eq(orgs.id, members.orgId))
        .where(eq(members.id, check.claims.m));
      if (!row || row.cardNo !== check.claims.c)
        return { valid: false, reason: '会员卡不存在或已更换', name: null, union: null };
      const valid = row.status === 'active';
      return {
        valid,
        reason: valid ? null : `会员状态为“${memberStatuses[row.status]}”，会员卡已失效`,
        name: maskName(row.name),
        union: row.union,
      };
    },
  );
}
