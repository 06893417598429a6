import { idParams, idSchema, okResponse, z } from '../../../shared/schemas/common';
import {
  dashboardView,
  documentInput,
  documentListQuery,
  documentPage,
  documentView,
  parseBody,
  parseResponse,
  progressExportQuery,
} from '../../../shared/schemas/workplans';
import {
  commentBody,
  commentList,
  commentView,
  reportFields,
  reportListQuery,
  reportPage,
  reportView,
  reviewBody,
  splitBody,
  todoList,
  todoQuery,
} from '../../../shared/schemas/workplans.reports';
import type { App } from '../../app';
import { sendDownload, xlsxMime } from '../../lib/download';
import { checkFields, receiveForm, showsInline } from '../../lib/uploads';
import { metricByCode } from '../../metrics';
import { AppError } from '../../plugins/errors';
import { closeDocument, createDocument, deleteDocument, publishDocument, updateDocument } from './workplans.documents';
import { docxText } from './workplans.docx';
import { exportDocumentProgress } from './workplans.export';
import { docxMime } from './workplans.export.docx';
import { parseAnswer } from './workplans.outline';
import { parseNotice } from './workplans.parse';
import {
  documentDashboard,
  listDocuments,
  documentView as loadDocument,
  todoList as loadTodo,
} from './workplans.queries';
import {
  evidenceFile,
  listReports,
  reportView as loadReport,
  maxEvidenceBytes,
  maxEvidenceFiles,
  reviewReport,
  submitReport,
} from './workplans.reports';
import { addComment, listComments, splitAllotment } from './workplans.supervision';

const tags = ['工作部署'];
const uploadErrors = { tooLarge: 'workplans/file_too_large', invalid: 'workplans/invalid_file' } as const;
const knownMetric = (code: string) => metricByCode(code) !== undefined;

const documentBody = documentInput.extend({ issuerOrgId: idSchema.optional() });

/** Work plans: documents, paste and parse, publishing, to-do lists, reports and reviews, dashboards. */
export async function workplanRoutes(app: App) {
  app.post(
    '/api/documents/parse',
    {
      schema: {
        tags,
        summary: '粘贴通知全文，识别为工作文件草稿（不保存）',
        body: parseBody,
        response: { 200: parseResponse },
      },
      config: { access: 'workplans.manage' },
    },
    (req) => parseAnswer(parseNotice(req.body.text)),
  );

  app.post(
    '/api/documents/parse-docx',
    {
      schema: {
        tags,
        summary: '上传通知的 Word 文件（.docx），识别为工作文件草稿（不保存）',
        consumes: ['multipart/form-data'],
        response: { 200: parseResponse },
      },
      config: { access: 'workplans.manage' },
    },
    async (req) => {
      const { files } = await receiveForm(req, { files: 1, fileSize: 20 * 1024 * 1024 }, uploadErrors);
      const file = files[0];
      if (!file) throw new AppError('workplans/invalid_file', {}, '请选择通知的 Word 文件（.docx）');
      return parseAnswer(parseNotice(await docxText(file.content)));
    },
  );

  app.get(
    '/api/documents',
    {
      schema: {
        tags,
        summary: '工作文件列表（本级发布和下发给本级及下级的）',
        querystring: documentListQuery,
        response: { 200: documentPage },
      },
      config: { access: 'workplans.read' },
    },
    (req) => listDocuments(req.ctx, req.query),
  );

  app.post(
    '/api/documents',
    {
      schema: { tags, summary: '保存工作文件草稿', body: documentBody, response: { 201: documentView } },
      config: { access: 'workplans.manage' },
    },
    async (req, reply) => {
      const { issuerOrgId, ...input } = req.body;
      const id = await createDocument(req.ctx, input, { issuerOrgId, knownMetric });
      return reply.status(201).send(await loadDocument(req.ctx, id));
    },
  );

  app.get(
    '/api/documents/:id',
    {
      schema: { tags, summary: '工作文件详情', params: idParams, response: { 200: documentView } },
      config: { access: 'workplans.read' },
    },
    (req) => loadDocument(req.ctx, req.params.id),
  );

  app.put(
    '/api/documents/:id',
    {
      schema: {
        tags,
        summary: '修改工作文件草稿',
        params: idParams,
        body: documentInput,
        response: { 200: documentView },
      },
      config: { access: 'workplans.manage' },
    },
    async (req) => {
      await updateDocument(req.ctx, req.params.id, req.body, { knownMetric });
      return loadDocument(req.ctx, req.params.id);
    },
  );

  app.delete(
    '/api/documents/:id',
    {
      schema: { tags, summary: '删除工作文件草稿', params: idParams, response: { 200: okResponse } },
      config: { access: 'workplans.manage' },
    },
    async (req) => {
      await deleteDocument(req.ctx, req.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/documents/:id/publish',
    {
      schema: {
        tags,
        summary: '发布工作文件：任务下发到各承担单位',
        params: idParams,
        response: { 200: documentView.extend({ assignedOrgs: z.number().int() }) },
      },
      config: { access: 'workplans.manage' },
    },
    async (req) => {
      const { assignedOrgs } = await publishDocument(req.ctx, req.params.id);
      return { ...(await loadDocument(req.ctx, req.params.id)), assignedOrgs };
    },
  );

  app.post(
    '/api/documents/:id/close',
    {
      schema: { tags, summary: '结束工作文件（不再接受填报）', params: idParams, response: { 200: documentView } },
      config: { access: 'workplans.manage' },
    },
    async (req) => {
      await closeDocument(req.ctx, req.params.id);
      return loadDocument(req.ctx, req.params.id);
    },
  );

  app.get(
    '/api/documents/:id/dashboard',
    {
      schema: {
        tags,
        summary: '工作文件进度看板：各任务、各单位完成情况与序时进度',
        params: idParams,
        querystring: z.strictObject({
          orgId: idSchema.optional().describe('show the children this org split its share among'),
        }),
        response: { 200: dashboardView },
      },
      config: { access: 'workplans.read' },
    },
    (req) => documentDashboard(req.ctx, req.params.id, req.query),
  );

  app.get(
    '/api/documents/:id/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出工作文件推进情况（.xlsx：任务进度、单位进度、滞后单位），范围同进度看板',
        params: idParams,
        querystring: progressExportQuery,
        produces: [xlsxMime],
      },
      config: { access: 'workplans.read' },
    },
    async (req, reply) => {
      const file = await exportDocumentProgress(req.ctx, req.params.id, 'xlsx', req.query);
      return sendDownload(reply, file.fileName, xlsxMime, file.content);
    },
  );

  app.get(
    '/api/documents/:id/export.docx',
    {
      schema: {
        tags,
        summary: '导出工作文件推进情况报告（.docx，公文格式），范围同进度看板',
        params: idParams,
        querystring: progressExportQuery,
        produces: [docxMime],
      },
      config: { access: 'workplans.read' },
    },
    async (req, reply) => {
      const file = await exportDocumentProgress(req.ctx, req.params.id, 'docx', req.query);
      return sendDownload(reply, file.fileName, docxMime, file.content);
    },
  );

  app.get(
    '/api/workplans/todo',
    {
      schema: { tags, summary: '本单位承担的工作任务（待办）', querystring: todoQuery, response: { 200: todoList } },
      config: { access: 'workplans.read' },
    },
    (req) => loadTodo(req.ctx, req.query),
  );

  app.post(
    '/api/workplans/reports',
    {
      schema: {
        tags,
        summary: '填报工作进度（multipart：taskId、targetId、value、narrative、reportDate，可附照片或文件 files）',
        consumes: ['multipart/form-data'],
        response: { 201: reportView },
      },
      config: { access: 'workplans.report' },
    },
    async (req, reply) => {
      const { files, fields } = await receiveForm(
        req,
        { files: maxEvidenceFiles, fileSize: maxEvidenceBytes },
        uploadErrors,
      );
      const input = checkFields(reportFields, fields);
      const id = await submitReport(req.ctx, input, files);
      return reply.status(201).send(await loadReport(req.ctx, id));
    },
  );

  app.get(
    '/api/workplans/reports',
    {
      schema: { tags, summary: '进度填报记录', querystring: reportListQuery, response: { 200: reportPage } },
      config: { access: 'workplans.read' },
    },
    (req) => listReports(req.ctx, req.query),
  );

  app.get(
    '/api/workplans/reports/:id',
    {
      schema: { tags, summary: '进度填报详情', params: idParams, response: { 200: reportView } },
      config: { access: 'workplans.read' },
    },
    (req) => loadReport(req.ctx, req.params.id),
  );

  app.post(
    '/api/workplans/reports/:id/review',
    {
      schema: {
        tags,
        summary: '审核进度填报：采纳，或退回并说明意见',
        params: idParams,
        body: reviewBody,
        response: { 200: reportView },
      },
      config: { access: 'workplans.review' },
    },
    (req) => reviewReport(req.ctx, req.params.id, req.body.decision, req.body.comment),
  );

  app.get(
    '/api/workplans/files/:id',
    {
      schema: { tags, summary: '查看佐证材料', params: idParams },
      config: { access: 'workplans.read' },
    },
    async (req, reply) => {
      const file = await evidenceFile(req.ctx, req.params.id);
      const inline = showsInline(file.mime);
      return reply
        .header('content-type', file.mime)
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-disposition',
          `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .send(file.content);
    },
  );

  app.get(
    '/api/workplans/tasks/:id/comments',
    {
      schema: { tags, summary: '任务的督查意见', params: idParams, response: { 200: commentList } },
      config: { access: 'workplans.read' },
    },
    (req) => listComments(req.ctx, req.params.id),
  );

  app.post(
    '/api/workplans/tasks/:id/comments',
    {
      schema: {
        tags,
        summary: '对任务（或某承担单位）提出督查意见',
        params: idParams,
        body: commentBody,
        response: { 201: commentView },
      },
      config: { access: 'workplans.review' },
    },
    async (req, reply) => reply.status(201).send(await addComment(req.ctx, req.params.id, req.body)),
  );

  app.post(
    '/api/workplans/allotments/split',
    {
      schema: {
        tags,
        summary: '把本单位承担的目标分解给直属下级单位',
        body: splitBody,
        response: { 200: z.object({ parts: z.number().int(), sum: z.number() }) },
      },
      config: { access: 'workplans.report' },
    },
    (req) => splitAllotment(req.ctx, req.body),
  );
}
