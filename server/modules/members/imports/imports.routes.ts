import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { idParams } from '../../../../shared/schemas/common';
import {
  importCommitResponse,
  importErrorPage,
  importErrorsQuery,
  importListQuery,
  importPage,
  importPreview,
  importUploadFields,
  importView,
  progressQuery,
  progressResponse,
} from '../../../../shared/schemas/imports';
import type { App } from '../../../app';
import { chinaDate } from '../../../lib/dates';
import { sendDownload, xlsxMime } from '../../../lib/download';
import { readProgress } from '../../../lib/progress';
import { AppError } from '../../../plugins/errors';
import { audit } from '../../audit/audit.service';
import { commitImport } from './imports.commit';
import { getImportInScope, listImportErrors, listImports, toImportView } from './imports.queries';
import { type ImportFile, previewImport } from './imports.service';
import { errorReport, importTemplate } from './imports.workbooks';

const tags = ['会员导入'];

/** Progress keys are per account, so one cadre cannot watch another's upload. */
const uploadProgressKey = (accountId: number, key: string) => `upload:${accountId}:${key}`;

/**
 * Receives the multipart upload: the part named `file` goes to a private temporary folder (it may be
 * tens of megabytes), the other parts are the form's fields, checked with their schema.
 */
async function receiveUpload(req: FastifyRequest, dir: string, maxBytes: number) {
  try {
    return await receiveParts(req, dir);
  } catch (err) {
    if ((err as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw err;
    const size =
      maxBytes >= 1024 * 1024 ? `${Math.floor(maxBytes / 1024 / 1024)} MB` : `${Math.floor(maxBytes / 1024)} KB`;
    throw new AppError(
      'imports/file_too_large',
      { maxBytes },
      `文件过大：单个文件不能超过 ${size}，请拆分成多个文件分批导入`,
    );
  }
}

async function receiveParts(req: FastifyRequest, dir: string) {
  let file: ImportFile | null = null;
  const fields: Record<string, string> = {};
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || file) {
        part.file.resume();
        continue;
      }
      const target = path.join(dir, 'upload');
      await pipeline(part.file, createWriteStream(target));
      file = { path: target, name: part.filename || 'upload.xlsx' };
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  if (!file) throw new AppError('imports/no_file');
  const parsed = importUploadFields.safeParse(fields);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
    throw new AppError('common/invalid_input', details, `请求内容有误：${details[0]?.field} ${details[0]?.message}`);
  }
  return { file, fields: parsed.data };
}

/** Excel import of the roster: template, upload and preview, error report, commit, history. */
export async function importRoutes(app: App) {
  app.get(
    '/api/members/imports/template',
    {
      schema: { tags, summary: '下载会员导入模板（.xlsx）', produces: [xlsxMime] },
      config: { access: 'members.manage' },
    },
    async (_req, reply) => sendDownload(reply, '会员导入模板.xlsx', xlsxMime, await importTemplate()),
  );

  app.post(
    '/api/members/imports',
    {
      schema: {
        tags,
        summary: '上传会员名册文件并校验（multipart：file，可选 orgId、progressKey），返回预览',
        description:
          '.xlsx（或 .csv）最多 200,000 行。表头按名称匹配，列顺序不限。校验不通过的行在 errors 中列出（row 为表格中的行号），完整列表见错误报告。',
        consumes: ['multipart/form-data'],
        response: { 201: importPreview },
      },
      config: { access: 'members.manage' },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('common/unsupported_media_type');
      const dir = await mkdtemp(path.join(os.tmpdir(), 'gonghui-import-'));
      try {
        const { file, fields } = await receiveUpload(req, dir, app.config.importMaxFileBytes);
        const progressKey = fields.progressKey
          ? uploadProgressKey(req.ctx.actor.accountId, fields.progressKey)
          : undefined;
        const preview = await previewImport(req.ctx, file, {
          orgId: fields.orgId,
          progressKey,
          maxRows: app.config.importMaxRows,
        });
        return reply.status(201).send(preview);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  app.get(
    '/api/members/imports/progress',
    {
      schema: {
        tags,
        summary: '上传校验进度（按 progressKey）',
        querystring: progressQuery,
        response: { 200: progressResponse },
      },
      config: { access: 'members.manage' },
    },
    (req) => ({ progress: readProgress(uploadProgressKey(req.ctx.actor.accountId, req.query.key)) }),
  );

  app.get(
    '/api/members/imports',
    {
      schema: { tags, summary: '导入记录（本级及下级）', querystring: importListQuery, response: { 200: importPage } },
      config: { access: 'members.manage' },
    },
    (req) => listImports(req.ctx, req.query),
  );

  app.get(
    '/api/members/imports/:id',
    {
      schema: { tags, summary: '一次导入的详情与进度', params: idParams, response: { 200: importView } },
      config: { access: 'members.manage' },
    },
    async (req) => toImportView(await getImportInScope(req.ctx, req.params.id)),
  );

  app.get(
    '/api/members/imports/:id/errors',
    {
      schema: {
        tags,
        summary: '一次导入的错误行（按行号）',
        params: idParams,
        querystring: importErrorsQuery,
        response: { 200: importErrorPage },
      },
      config: { access: 'members.manage' },
    },
    (req) => listImportErrors(req.ctx, req.params.id, req.query),
  );

  app.get(
    '/api/members/imports/:id/report',
    {
      schema: { tags, summary: '下载错误报告（原表格各列加“错误原因”列）', params: idParams, produces: [xlsxMime] },
      config: { access: 'members.manage' },
    },
    async (req, reply) => {
      const { record } = await getImportInScope(req.ctx, req.params.id);
      await audit(req.ctx, {
        action: 'members.import_report',
        targetType: 'member_import',
        targetId: record.id,
        targetName: record.fileName,
        orgPath: record.orgPath,
        details: { fileName: record.fileName, invalid: record.invalid },
      });
      const { stream, done } = errorReport(req.ctx, record);
      done.catch((err: unknown) => req.log.error({ err }, 'import error report aborted'));
      const base = record.fileName.replace(/\.(xlsx|csv|txt)$/i, '');
      return sendDownload(
        reply,
        `${base}-错误报告-${chinaDate(req.ctx.now).replaceAll('-', '')}.xlsx`,
        xlsxMime,
        stream,
      );
    },
  );

  app.post(
    '/api/members/imports/:id/commit',
    {
      schema: {
        tags,
        summary: '提交导入：有效行在一个事务中登记为会员（重复提交不会重复登记）',
        params: idParams,
        response: { 200: importCommitResponse },
      },
      config: { access: 'members.manage' },
    },
    (req) => commitImport(req.ctx, req.params.id),
  );
}
