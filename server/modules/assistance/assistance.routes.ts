import type { FastifyReply } from 'fastify';
import {
  approveCaseBody,
  batchDetail,
  batchItem,
  batchListQuery,
  batchPage,
  bulkApproveBody,
  bulkApproveResponse,
  cancelBatchBody,
  caseDetail,
  caseItem,
  caseListQuery,
  casePage,
  confirmBatchBody,
  createBatchBody,
  createCaseFields,
  createCaseResponse,
  createFundBody,
  fundList,
  fundListQuery,
  fundView,
  maxCaseFileBytes,
  maxCaseFiles,
  revealCaseBody,
  revealCaseResponse,
  reviewCaseBody,
  statsQuery,
  statsResponse,
  updateFundBody,
} from '../../../shared/schemas/assistance';
import { idParams } from '../../../shared/schemas/common';
import type { App } from '../../app';
import type { Ctx } from '../../context';
import { sendDownload, xlsxMime } from '../../lib/download';
import { checkFields, receiveForm, showsInline } from '../../lib/uploads';
import { approveCase, bulkApprove } from './assistance.approve';
import { exportBatchXlsx } from './assistance.bank.xlsx';
import { cancelBatch, confirmBatch, createBatch, listBatches, batchDetail as loadBatch } from './assistance.batches';
import { applyForMember, revealCaseField, reviewCase } from './assistance.cases';
import { createFund, listFunds, updateFund } from './assistance.funds';
import {
  actionScopes,
  caseFile,
  getCaseInScope,
  listCases,
  caseDetail as loadDetail,
  toCaseItem,
} from './assistance.queries';
import { assistanceStats } from './assistance.stats';

const tags = ['帮扶救助'];
export const uploadErrors = { tooLarge: 'assistance/file_too_large', invalid: 'assistance/file_invalid' } as const;
// The app's default field size (1 KB) would cut a long reason short: 2,000 characters are up to 8 KB.
export const uploadLimits = { files: maxCaseFiles, fileSize: maxCaseFileBytes, fieldSize: 16 * 1024 };

/** A case as the list shows it after an action, with what the caller may do with it now. */
async function itemAfter(ctx: Ctx, id: number) {
  const row = await getCaseInScope(ctx.db, ctx.scope, id);
  return toCaseItem(ctx, await actionScopes(ctx), row);
}

/** Sends a stored document inline (images, PDF) or as a download. */
export function sendFile(reply: FastifyReply, file: { mime: string; fileName: string; content: Buffer }) {
  const inline = showsInline(file.mime);
  return reply
    .header('content-type', file.mime)
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-disposition',
      `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .send(file.content);
}

/** Assistance (帮扶救助): funds, cases and their review and approval, disbursement batches, statistics. */
export async function assistanceRoutes(app: App) {
  app.get(
    '/api/assistance/funds',
    {
      schema: {
        tags,
        summary: '帮扶资金列表（预算、已批准、已发放、余额）',
        querystring: fundListQuery,
        response: { 200: fundList },
      },
      config: { access: 'welfare.read' },
    },
    (req) => listFunds(req.ctx, req.query),
  );

  app.post(
    '/api/assistance/funds',
    {
      schema: { tags, summary: '新建帮扶资金', body: createFundBody, response: { 201: fundView } },
      config: { access: 'assistance.approve' },
    },
    async (req, reply) => reply.status(201).send(await createFund(req.ctx, req.body)),
  );

  app.patch(
    '/api/assistance/funds/:id',
    {
      schema: {
        tags,
        summary: '修改帮扶资金（预算不能低于已批准和已发放的金额）',
        params: idParams,
        body: updateFundBody,
        response: { 200: fundView },
      },
      config: { access: 'assistance.approve' },
    },
    (req) => updateFund(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/api/assistance/cases',
    {
      schema: { tags, summary: '帮扶申请列表', querystring: caseListQuery, response: { 200: casePage } },
      config: { access: 'welfare.read' },
    },
    (req) => listCases(req.ctx, req.query),
  );

  app.post(
    '/api/assistance/cases',
    {
      schema: {
        tags,
        summary:
          '工会代职工登记帮扶申请（multipart：memberId、type、amountRequestedFen、reason、bankName、bankAccount、payeeName，附件 files 最多 9 个）',
        consumes: ['multipart/form-data'],
        response: { 201: createCaseResponse },
      },
      config: { access: 'welfare.manage' },
    },
    async (req, reply) => {
      const { files, fields } = await receiveForm(req, uploadLimits, uploadErrors);
      const input = checkFields(createCaseFields, fields);
      return reply.status(201).send(await applyForMember(req.ctx, input, files));
    },
  );

  app.post(
    '/api/assistance/cases/bulk-approve',
    {
      schema: {
        tags,
        summary: '批量审批通过（全部通过或全部不通过）',
        body: bulkApproveBody,
        response: { 200: bulkApproveResponse },
      },
      config: { access: 'assistance.approve' },
    },
    (req) => bulkApprove(req.ctx, req.body),
  );

  app.get(
    '/api/assistance/cases/:id',
    {
      schema: { tags, summary: '帮扶申请详情（含办理过程）', params: idParams, response: { 200: caseDetail } },
      config: { access: 'welfare.read' },
    },
    (req) => loadDetail(req.ctx, req.params.id),
  );

  app.post(
    '/api/assistance/cases/:id/review',
    {
      schema: {
        tags,
        summary: '基层工会审核：通过，或驳回并说明理由',
        params: idParams,
        body: reviewCaseBody,
        response: { 200: caseItem },
      },
      config: { access: 'assistance.review' },
    },
    async (req) => itemAfter(req.ctx, await reviewCase(req.ctx, req.params.id, req.body)),
  );

  app.post(
    '/api/assistance/cases/:id/approve',
    {
      schema: {
        tags,
        summary: '县级工会审批：从帮扶资金中批准（可调整金额），或驳回并说明理由',
        params: idParams,
        body: approveCaseBody,
        response: { 200: caseItem },
      },
      config: { access: 'assistance.approve' },
    },
    async (req) => itemAfter(req.ctx, await approveCase(req.ctx, req.params.id, req.body)),
  );

  app.post(
    '/api/assistance/cases/:id/reveal',
    {
      schema: {
        tags,
        summary: '查看完整身份证号或银行账号（记入日志）',
        params: idParams,
        body: revealCaseBody,
        response: { 200: revealCaseResponse },
      },
      config: { access: 'members.reveal' },
    },
    (req) => revealCaseField(req.ctx, req.params.id, req.body.field),
  );

  app.get(
    '/api/assistance/files/:id',
    {
      schema: { tags, summary: '查看帮扶申请材料', params: idParams },
      config: { access: 'welfare.read' },
    },
    async (req, reply) => sendFile(reply, await caseFile(req.ctx, req.params.id)),
  );

  app.get(
    '/api/assistance/batches',
    {
      schema: { tags, summary: '帮扶资金发放批次', querystring: batchListQuery, response: { 200: batchPage } },
      config: { access: 'welfare.read' },
    },
    (req) => listBatches(req.ctx, req.query),
  );

  app.post(
    '/api/assistance/batches',
    {
      schema: {
        tags,
        summary: '把同一资金的待发放帮扶编入发放批次',
        body: createBatchBody,
        response: { 201: batchItem },
      },
      config: { access: 'assistance.disburse' },
    },
    async (req, reply) => reply.status(201).send(await createBatch(req.ctx, req.body)),
  );

  app.get(
    '/api/assistance/batches/:id',
    {
      schema: { tags, summary: '发放批次详情（含明细）', params: idParams, response: { 200: batchDetail } },
      config: { access: 'welfare.read' },
    },
    (req) => loadBatch(req.ctx, req.params.id),
  );

  app.get(
    '/api/assistance/batches/:id/export.xlsx',
    {
      schema: { tags, summary: '导出银行发放清单（.xlsx，含完整身份证号和银行账号，记入日志）', params: idParams },
      config: { access: 'assistance.disburse' },
    },
    async (req, reply) => {
      const file = await exportBatchXlsx(req.ctx, req.params.id);
      return sendDownload(reply, file.fileName, xlsxMime, file.content);
    },
  );

  app.post(
    '/api/assistance/batches/:id/confirm',
    {
      schema: {
        tags,
        summary: '确认银行已发放（须由批次创建人和审批人以外的人员确认）',
        params: idParams,
        body: confirmBatchBody,
        response: { 200: batchItem },
      },
      config: { access: 'assistance.disburse' },
    },
    (req) => confirmBatch(req.ctx, req.params.id, req.body.comment),
  );

  app.post(
    '/api/assistance/batches/:id/cancel',
    {
      schema: {
        tags,
        summary: '作废发放批次（帮扶退回待发放）',
        params: idParams,
        body: cancelBatchBody,
        response: { 200: batchItem },
      },
      config: { access: 'assistance.disburse' },
    },
    (req) => cancelBatch(req.ctx, req.params.id, req.body.reason),
  );

  app.get(
    '/api/assistance/stats',
    {
      schema: {
        tags,
        summary: '帮扶救助统计（按类型、资金、月份、下级单位）',
        querystring: statsQuery,
        response: { 200: statsResponse },
      },
      config: { access: 'welfare.read' },
    },
    (req) => assistanceStats(req.ctx, req.query),
  );
}
