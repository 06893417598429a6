import { selfMemberView } from '../../../shared/schemas/members';
import type { App } from '../../app';
import type { Ctx } from '../../context';
import { chinaDate } from '../../lib/dates';
import { sendDownload } from '../../lib/download';
import { decryptField } from '../../lib/pii';
import { audit } from '../audit/audit.service';
import { getOwnMember, listMemberHistoryOf, toMemberView } from './members.queries';

const tags = ['会员服务'];

/** The member's own record, and its view with their own numbers decrypted; the access is audited like any other. */
async function ownRecord(ctx: Ctx, action: 'members.self_view' | 'members.self_export') {
  const member = await getOwnMember(ctx.db, ctx.actor.accountId);
  await audit(ctx, {
    action,
    targetType: 'member',
    targetId: member.id,
    targetName: member.name,
    orgPath: member.orgPath,
  });
  return {
    member,
    view: {
      ...toMemberView(member, chinaDate(ctx.now)),
      idNumberFull: decryptField(ctx.pii, member.idNumberEnc),
      mobileFull: member.mobileEnc ? decryptField(ctx.pii, member.mobileEnc) : null,
    },
  };
}

/** A member's own data in the portal (PIPL: the right to see and to take a copy of one's data). */
export async function selfRoutes(app: App) {
  app.get(
    '/api/portal/member',
    { schema: { tags, summary: '我的会员信息', response: { 200: selfMemberView } }, config: { access: 'portal.use' } },
    async (req) => (await ownRecord(req.ctx, 'members.self_view')).view,
  );

  app.get(
    '/api/portal/member/download',
    {
      schema: { tags, summary: '下载我的个人信息副本（JSON）', produces: ['application/json'] },
      config: { access: 'portal.use' },
    },
    async (req, reply) => {
      const { member, view } = await ownRecord(req.ctx, 'members.self_export');
      const history = await listMemberHistoryOf(req.ctx.db, member);
      const copy = {
        说明: '这是智慧工会平台保存的您本人的会员信息副本，请妥善保管。',
        导出时间: req.ctx.now.toISOString(),
        会员信息: view,
        变更记录: history.items,
      };
      const name = `我的会员信息-${chinaDate(req.ctx.now).replaceAll('-', '')}.json`;
      return sendDownload(reply, name, 'application/json; charset=utf-8', JSON.stringify(copy, null, 2));
    },
  );
}
