/**
 * The worker's own assistance in the portal: apply with photos of documents, follow the status (with the
 * rejection reason), withdraw while it waits. Only the caller's own linked member's cases exist here;
 * another member's case answers 404. Steps show the union that acted, never the staff account.
 */

import {
  createCaseResponse,
  openStatuses,
  portalCaseDetail,
  portalCaseFields,
  portalCaseItem,
  portalCaseList,
} from '../../../shared/schemas/assistance';
import { idParams } from '../../../shared/schemas/common';
import type { App } from '../../app';
import type { Ctx } from '../../context';
import { checkFields, receiveForm } from '../../lib/uploads';
import { AppError } from '../../plugins/errors';
import { getOwnMember } from '../members/members.queries';
import { insertCase, withdrawCase } from './assistance.cases';
import { caseFile, caseFiles, caseSteps, memberCases, rejectionOf } from './assistance.queries';
import { sendFile, uploadErrors, uploadLimits } from './assistance.routes';

const tags = ['会员服务'];

type OwnCase = Awaited<ReturnType<typeof memberCases>>[number];

function toPortalItem(c: OwnCase) {
  return {
    id: c.id,
    caseNo: c.caseNo,
    type: c.type,
    period: c.period,
    amountRequestedFen: Number(c.amountRequestedFen),
    amountApprovedFen: c.amountApprovedFen == null ? null : Number(c.amountApprovedFen),
    coveredPeople: c.coveredPeople,
    status: c.status,
    submittedAt: c.submittedAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    rejection: rejectionOf(c),
    canWithdraw: (openStatuses as readonly string[]).includes(c.status),
  };
}

async function ownCase(ctx: Ctx, id: number) {
  const member = await getOwnMember(ctx.db, ctx.actor.accountId);
  const [c] = await memberCases(ctx.db, member.id, [id]);
  if (!c) throw new AppError('assistance/not_found');
  return { member, c };
}

async function ownDetail(ctx: Ctx, id: number) {
  const { c } = await ownCase(ctx, id);
  const [steps, files] = await Promise.all([caseSteps(ctx.db, id), caseFiles(ctx.db, id)]);
  return {
    ...toPortalItem(c),
    reason: c.reason,
    bankName: c.bankName,
    accountMasked: c.bankAccountMasked,
    files,
    steps: steps.map((s) => ({
      step: s.step,
      decision: s.decision,
      // The worker sees which union acted, not which staff account.
      actorName: s.step === 'apply' || s.step === 'withdraw' ? '本人' : (s.orgName ?? '工会'),
      orgName: s.orgName,
      at: s.at.toISOString(),
      comment: s.decision === 'reject' ? s.comment : s.step === 'batch' || s.step === 'unbatch' ? null : s.comment,
      amountFen: s.amountFen == null ? null : Number(s.amountFen),
    })),
  };
}

export async function assistancePortalRoutes(app: App) {
  app.get(
    '/api/portal/assistance',
    { schema: { tags, summary: '我的帮扶申请', response: { 200: portalCaseList } }, config: { access: 'portal.use' } },
    async (req) => {
      const member = await getOwnMember(req.ctx.db, req.ctx.actor.accountId);
      return { items: (await memberCases(req.ctx.db, member.id)).map(toPortalItem) };
    },
  );

  app.post(
    '/api/portal/assistance',
    {
      schema: {
        tags,
        summary:
          '申请帮扶（multipart：type、amountRequestedFen、reason、bankName、bankAccount，证明材料照片 files 最多 9 张）',
        consumes: ['multipart/form-data'],
        response: { 201: createCaseResponse },
      },
      config: { access: 'portal.use' },
    },
    async (req, reply) => {
      const { files, fields } = await receiveForm(req, uploadLimits, uploadErrors);
      const input = checkFields(portalCaseFields, fields);
      const member = await getOwnMember(req.ctx.db, req.ctx.actor.accountId);
      const row = await insertCase(req.ctx, { ...input, member, payeeName: member.name, channel: 'portal' }, files);
      return reply.status(201).send(row);
    },
  );

  app.get(
    '/api/portal/assistance/:id',
    {
      schema: { tags, summary: '我的帮扶申请详情（办理进度）', params: idParams, response: { 200: portalCaseDetail } },
      config: { access: 'portal.use' },
    },
    (req) => ownDetail(req.ctx, req.params.id),
  );

  app.post(
    '/api/portal/assistance/:id/withdraw',
    {
      schema: { tags, summary: '撤回我的帮扶申请（审批完成前）', params: idParams, response: { 200: portalCaseItem } },
      config: { access: 'portal.use' },
    },
    async (req) => {
      const { member, c } = await ownCase(req.ctx, req.params.id);
      await withdrawCase(req.ctx, {
        id: c.id,
        caseNo: c.caseNo,
        orgPath: c.orgPath,
        memberName: member.name,
        orgId: c.orgId,
        orgName: member.orgName,
      });
      const [after] = await memberCases(req.ctx.db, member.id, [c.id]);
      if (!after) throw new AppError('assistance/not_found');
      return toPortalItem(after);
    },
  );

  app.get(
    '/api/portal/assistance/files/:id',
    {
      schema: { tags, summary: '查看我上传的帮扶申请材料', params: idParams },
      config: { access: 'portal.use' },
    },
    async (req, reply) => {
      const member = await getOwnMember(req.ctx.db, req.ctx.actor.accountId);
      return sendFile(reply, await caseFile(req.ctx, req.params.id, { memberId: member.id }));
    },
  );
}
