import { eq } from 'drizzle-orm';
import { idParams, z } from '../../../shared/schemas/common';
import {
  applicationListQuery,
  applicationPage,
  applicationView,
  attendanceInput,
  batchInput,
  batchPatch,
  batchView,
  nominationInput,
  nomineeList,
  nomineeQuery,
  programmeInput,
  programmeListQuery,
  programmePage,
  programmePatch,
  programmeView,
  quotaInput,
  reasonInput,
  rosterQuery,
  statsQuery,
  statsView,
} from '../../../shared/schemas/recuperation';
import type { App } from '../../app';
import { sendDownload, xlsxMime } from '../../lib/download';
import { AppError } from '../../plugins/errors';
import {
  cancelApplication,
  confirmApplication,
  nominate,
  recordAttendance,
  rejectApplication,
} from './recuperation.applications';
import { exportRoster } from './recuperation.export';
import { createBatch, createProgramme, setQuota, updateBatch, updateProgramme } from './recuperation.programmes';
import {
  applicationRows,
  listApplications,
  listProgrammes,
  batchView as loadBatch,
  programmeView as loadProgramme,
  searchNominees,
} from './recuperation.queries';
import { programmeStats } from './recuperation.stats';
import { recupApplications } from './recuperation.tables';

const tags = ['职工疗休养'];
const attendanceResult = z.object({ attended: z.number().int(), absent: z.number().int() });

/** Recuperation trips for staff: programmes, batches, quotas, applicants, nominations, rosters, statistics. */
export async function recuperationRoutes(app: App) {
  const oneApplication = async (id: number) => {
    const [view] = await applicationRows(app.db, eq(recupApplications.id, id), 1);
    if (!view) throw new AppError('recuperation/application_not_found');
    return view;
  };

  app.get(
    '/api/recuperation/programmes',
    {
      schema: { tags, summary: '疗休养项目列表', querystring: programmeListQuery, response: { 200: programmePage } },
      config: { access: 'welfare.read' },
    },
    (req) => listProgrammes(req.ctx, req.query),
  );

  app.post(
    '/api/recuperation/programmes',
    {
      schema: { tags, summary: '新建疗休养项目', body: programmeInput, response: { 201: programmeView } },
      config: { access: 'welfare.manage' },
    },
    async (req, reply) =>
      reply.status(201).send(await loadProgramme(req.ctx, await createProgramme(req.ctx, req.body))),
  );

  app.get(
    '/api/recuperation/programmes/:id',
    {
      schema: { tags, summary: '疗休养项目详情（批次、名额）', params: idParams, response: { 200: programmeView } },
      config: { access: 'welfare.read' },
    },
    (req) => loadProgramme(req.ctx, req.params.id),
  );

  app.patch(
    '/api/recuperation/programmes/:id',
    {
      schema: {
        tags,
        summary: '修改疗休养项目（含开放报名、结束）',
        params: idParams,
        body: programmePatch,
        response: { 200: programmeView },
      },
      config: { access: 'welfare.manage' },
    },
    async (req) => {
      await updateProgramme(req.ctx, req.params.id, req.body);
      return loadProgramme(req.ctx, req.params.id);
    },
  );

  app.get(
    '/api/recuperation/programmes/:id/stats',
    {
      schema: {
        tags,
        summary: '疗休养统计（按批次、按下级单位）',
        params: idParams,
        querystring: statsQuery.omit({ programmeId: true }),
        response: { 200: statsView },
      },
      config: { access: 'welfare.read' },
    },
    (req) => programmeStats(req.ctx, req.params.id, req.query.orgId),
  );

  app.post(
    '/api/recuperation/programmes/:id/batches',
    {
      schema: {
        tags,
        summary: '新建疗休养批次（期）',
        params: idParams,
        body: batchInput,
        response: { 201: batchView },
      },
      config: { access: 'welfare.manage' },
    },
    async (req, reply) =>
      reply.status(201).send(await loadBatch(req.ctx, await createBatch(req.ctx, req.params.id, req.body))),
  );

  app.get(
    '/api/recuperation/batches/:id',
    {
      schema: { tags, summary: '疗休养批次详情', params: idParams, response: { 200: batchView } },
      config: { access: 'welfare.read' },
    },
    (req) => loadBatch(req.ctx, req.params.id),
  );

  app.patch(
    '/api/recuperation/batches/:id',
    {
      schema: { tags, summary: '修改疗休养批次', params: idParams, body: batchPatch, response: { 200: batchView } },
      config: { access: 'welfare.manage' },
    },
    async (req) => {
      await updateBatch(req.ctx, req.params.id, req.body);
      return loadBatch(req.ctx, req.params.id);
    },
  );

  app.post(
    '/api/recuperation/batches/:id/quotas',
    {
      schema: {
        tags,
        summary: '分配单位名额（0 为取消）',
        params: idParams,
        body: quotaInput,
        response: { 200: batchView },
      },
      config: { access: 'welfare.manage' },
    },
    async (req) => {
      await setQuota(req.ctx, req.params.id, req.body);
      return loadBatch(req.ctx, req.params.id);
    },
  );

  app.get(
    '/api/recuperation/batches/:id/nominees',
    {
      schema: {
        tags,
        summary: '查找可推荐的会员',
        params: idParams,
        querystring: nomineeQuery.omit({ batchId: true }),
        response: { 200: nomineeList },
      },
      config: { access: 'welfare.manage' },
    },
    (req) => searchNominees(req.ctx, req.params.id, req.query.q),
  );

  app.post(
    '/api/recuperation/batches/:id/nominations',
    {
      schema: {
        tags,
        summary: '工会推荐职工参加本期疗休养',
        params: idParams,
        body: nominationInput,
        response: { 201: applicationView },
      },
      config: { access: 'welfare.manage' },
    },
    async (req, reply) => {
      const { memberId, ...declarations } = req.body;
      const row = await nominate(req.ctx, req.params.id, memberId, declarations);
      return reply.status(201).send(await oneApplication(row.id));
    },
  );

  app.post(
    '/api/recuperation/batches/:id/attendance',
    {
      schema: {
        tags,
        summary: '登记参加情况（批量）',
        params: idParams,
        body: attendanceInput,
        response: { 200: attendanceResult },
      },
      config: { access: 'welfare.manage' },
    },
    (req) => recordAttendance(req.ctx, req.params.id, req.body.items),
  );

  app.get(
    '/api/recuperation/batches/:id/roster.xlsx',
    {
      schema: {
        tags,
        summary: '导出本期人员名单（Excel）',
        params: idParams,
        querystring: rosterQuery,
        produces: [xlsxMime],
      },
      config: { access: 'welfare.read' },
    },
    async (req, reply) => {
      const { buffer, fileName } = await exportRoster(req.ctx, req.params.id, req.query.status);
      return sendDownload(reply, fileName, xlsxMime, buffer);
    },
  );

  app.get(
    '/api/recuperation/applications',
    {
      schema: {
        tags,
        summary: '疗休养报名名单',
        querystring: applicationListQuery,
        response: { 200: applicationPage },
      },
      config: { access: 'welfare.read' },
    },
    (req) => listApplications(req.ctx, req.query),
  );

  app.post(
    '/api/recuperation/applications/:id/cancel',
    {
      schema: {
        tags,
        summary: '取消报名（名额转给候补）',
        params: idParams,
        body: reasonInput,
        response: { 200: applicationView },
      },
      config: { access: 'welfare.manage' },
    },
    async (req) => {
      await cancelApplication(req.ctx, req.params.id, req.body.reason, 'union');
      return oneApplication(req.params.id);
    },
  );

  app.post(
    '/api/recuperation/applications/:id/reject',
    {
      schema: {
        tags,
        summary: '不符合条件，不予通过（名额转给候补）',
        params: idParams,
        body: reasonInput,
        response: { 200: applicationView },
      },
      config: { access: 'welfare.manage' },
    },
    async (req) => {
      await rejectApplication(req.ctx, req.params.id, req.body.reason);
      return oneApplication(req.params.id);
    },
  );

  app.post(
    '/api/recuperation/applications/:id/confirm',
    {
      schema: {
        tags,
        summary: '工会确认参加（并核实一线职工、荣誉）',
        params: idParams,
        response: { 200: applicationView },
      },
      config: { access: 'welfare.manage' },
    },
    async (req) => {
      await confirmApplication(req.ctx, req.params.id, 'union');
      return oneApplication(req.params.id);
    },
  );
}
