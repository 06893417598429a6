import { idParams } from '../../../shared/schemas/common';
import {
  candidateList,
  candidateQuery,
  consentCreated,
  createFileBody,
  fileListQuery,
  filePage,
  fileView,
  resolveBody,
  reviewBody,
  statsQuery,
  statsResponse,
  updateFileBody,
} from '../../../shared/schemas/hardship';
import type { App } from '../../app';
import { chinaDate } from '../../lib/dates';
import { sendDownload, xlsxMime } from '../../lib/download';
import { receiveForm, showsInline } from '../../lib/uploads';
import { audit } from '../audit/audit.service';
import { exportFiles, fileStats } from './hardship.export';
import { fileCandidates, listFiles, fileView as loadFile } from './hardship.queries';
import { attachConsentForm, consentForm, maxConsentFormBytes, recordReview, resolveFile } from './hardship.reviews';
import { createFile, updateFile } from './hardship.service';

const tags = ['困难职工档案'];

/** Hardship files: list, statistics, export, filing, editing, consent forms, reviews and resolution. */
export async function hardshipRoutes(app: App) {
  app.get(
    '/api/hardship/files',
    {
      schema: {
        tags,
        summary: '困难职工档案列表（筛选、分页；不含健康和收入信息）',
        querystring: fileListQuery,
        response: { 200: filePage },
      },
      config: { access: 'welfare.read' },
    },
    async (req) => {
      const { ctx, query } = req;
      const page = await listFiles(ctx.db, ctx.scope, query, chinaDate(ctx.now));
      // The list names hardship families: the search itself is audited, like a roster search.
      const { cursor: _c, limit: _l, ...filters } = query;
      await audit(ctx, {
        action: 'hardship.search',
        targetType: 'hardship_file',
        orgPath: ctx.actor.orgPath,
        details: { filters, results: page.items.length },
      });
      return page;
    },
  );

  app.get(
    '/api/hardship/files/export',
    {
      schema: {
        tags,
        summary: '导出困难职工档案（.xlsx；证件号和电话脱敏，健康和收入仅对有权限者导出并留痕）',
        querystring: fileListQuery,
        produces: [xlsxMime],
      },
      config: { access: 'welfare.read' },
    },
    async (req, reply) => {
      const { stream, done } = await exportFiles(req.ctx, req.query);
      done.catch((err: unknown) => req.log.error({ err }, 'hardship export aborted'));
      return sendDownload(reply, `困难职工档案-${chinaDate(req.ctx.now).replaceAll('-', '')}.xlsx`, xlsxMime, stream);
    },
  );

  app.get(
    '/api/hardship/stats',
    {
      schema: {
        tags,
        summary: '困难职工档案统计（按困难等级、致困原因、下级组织）',
        querystring: statsQuery,
        response: { 200: statsResponse },
      },
      config: { access: 'welfare.read' },
    },
    (req) => fileStats(req.ctx.db, req.ctx.scope, req.query.orgId, chinaDate(req.ctx.now)),
  );

  app.get(
    '/api/hardship/candidates',
    {
      schema: {
        tags,
        summary: '按姓名查找可建档的在册会员',
        querystring: candidateQuery,
        response: { 200: candidateList },
      },
      config: { access: 'welfare.manage' },
    },
    async (req) => {
      const { ctx } = req;
      const result = await fileCandidates(ctx.db, ctx.scope, req.query.q, chinaDate(ctx.now));
      await audit(ctx, {
        action: 'hardship.search',
        targetType: 'member',
        orgPath: ctx.actor.orgPath,
        details: { filters: { q: req.query.q }, results: result.items.length },
      });
      return result;
    },
  );

  app.get(
    '/api/hardship/files/:id',
    {
      schema: {
        tags,
        summary: '困难职工档案详情（健康和收入信息仅对有权限者显示，查看留痕）',
        params: idParams,
        response: { 200: fileView },
      },
      config: { access: 'welfare.read' },
    },
    (req) => loadFile(req.ctx, req.params.id),
  );

  app.post(
    '/api/hardship/files',
    {
      schema: { tags, summary: '建立困难职工档案', body: createFileBody, response: { 201: fileView } },
      config: { access: 'welfare.manage' },
    },
    async (req, reply) => reply.status(201).send(await loadFile(req.ctx, await createFile(req.ctx, req.body))),
  );

  app.patch(
    '/api/hardship/files/:id',
    {
      schema: {
        tags,
        summary: '修改困难职工档案',
        params: idParams,
        body: updateFileBody,
        response: { 200: fileView },
      },
      config: { access: 'welfare.manage' },
    },
    async (req) => loadFile(req.ctx, await updateFile(req.ctx, req.params.id, req.body)),
  );

  app.post(
    '/api/hardship/files/:id/reviews',
    {
      schema: {
        tags,
        summary: '登记年度复核（维持、调整等级或解困脱困）',
        params: idParams,
        body: reviewBody,
        response: { 200: fileView },
      },
      config: { access: 'welfare.manage' },
    },
    async (req) => loadFile(req.ctx, await recordReview(req.ctx, req.params.id, req.body)),
  );

  app.post(
    '/api/hardship/files/:id/resolve',
    {
      schema: {
        tags,
        summary: '解困脱困（日期和原因）',
        params: idParams,
        body: resolveBody,
        response: { 200: fileView },
      },
      config: { access: 'welfare.manage' },
    },
    async (req) => loadFile(req.ctx, await resolveFile(req.ctx, req.params.id, req.body)),
  );

  app.post(
    '/api/hardship/consents/:id/form',
    {
      schema: {
        tags,
        summary: '上传授权书扫描件或照片（multipart：file）',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 200: consentCreated },
      },
      config: { access: 'welfare.manage' },
    },
    async (req) => {
      const { files } = await receiveForm(req, { files: 1, fileSize: maxConsentFormBytes });
      return attachConsentForm(req.ctx, req.params.id, files[0]);
    },
  );

  app.get(
    '/api/hardship/consents/:id/form',
    {
      schema: { tags, summary: '查看授权书（留痕）', params: idParams },
      config: { access: 'welfare.sensitive' },
    },
    async (req, reply) => {
      const form = await consentForm(req.ctx, req.params.id);
      const inline = showsInline(form.mime);
      return reply
        .header('content-type', form.mime)
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-disposition',
          `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(form.fileName)}`,
        )
        .send(form.content);
    },
  );
}
