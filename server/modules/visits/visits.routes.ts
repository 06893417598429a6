import { idParams, okResponse } from '../../../shared/schemas/common';
import {
  campaignInput,
  campaignListQuery,
  campaignPage,
  campaignUpdate,
  campaignView,
  coverageQuery,
  coverageView,
  exportQuery,
  maxPhotoBytes,
  maxPhotos,
  targetOptions,
  targetQuery,
  visitDetail,
  visitFields,
  visitingOrgOptions,
  visitingOrgQuery,
  visitListQuery,
  visitPage,
} from '../../../shared/schemas/visits';
import type { App } from '../../app';
import { sendDownload, xlsxMime } from '../../lib/download';
import { checkFields, receiveForm, showsInline } from '../../lib/uploads';
import { closeCampaign, createCampaign, updateCampaign } from './visits.campaigns';
import { campaignCoverage } from './visits.coverage';
import { exportCampaignVisits } from './visits.export';
import {
  listCampaigns,
  listVisits,
  campaignView as loadCampaign,
  visitDetail as loadVisit,
  visitingOrgs,
  visitTargets,
} from './visits.queries';
import { createVisit, deleteVisit, visitPhoto } from './visits.records';

const tags = ['走访慰问'];
const uploadErrors = { tooLarge: 'visits/file_too_large', invalid: 'visits/invalid_file' } as const;

/** Care visits: campaigns (送温暖、送清凉、三送), visits with photos, coverage and export. */
export async function visitRoutes(app: App) {
  app.get(
    '/api/visit-campaigns',
    {
      schema: {
        tags,
        summary: '慰问活动列表（本级发起和本级参与的），含各活动的走访合计',
        querystring: campaignListQuery,
        response: { 200: campaignPage },
      },
      config: { access: 'welfare.read' },
    },
    (req) => listCampaigns(req.ctx, req.query),
  );

  app.post(
    '/api/visit-campaigns',
    {
      schema: { tags, summary: '新建慰问活动（活动期间、预算）', body: campaignInput, response: { 201: campaignView } },
      config: { access: 'welfare.manage' },
    },
    async (req, reply) => {
      const id = await createCampaign(req.ctx, req.body);
      return reply.status(201).send(await loadCampaign(req.ctx, id));
    },
  );

  app.get(
    '/api/visit-campaigns/:id',
    {
      schema: { tags, summary: '慰问活动详情', params: idParams, response: { 200: campaignView } },
      config: { access: 'welfare.read' },
    },
    (req) => loadCampaign(req.ctx, req.params.id),
  );

  app.patch(
    '/api/visit-campaigns/:id',
    {
      schema: {
        tags,
        summary: '修改慰问活动（预算不少于已登记金额，期间须包含已有走访日期）',
        params: idParams,
        body: campaignUpdate,
        response: { 200: campaignView },
      },
      config: { access: 'welfare.manage' },
    },
    async (req) => {
      await updateCampaign(req.ctx, req.params.id, req.body);
      return loadCampaign(req.ctx, req.params.id);
    },
  );

  app.post(
    '/api/visit-campaigns/:id/close',
    {
      schema: { tags, summary: '结束慰问活动（不再登记走访）', params: idParams, response: { 200: campaignView } },
      config: { access: 'welfare.manage' },
    },
    async (req) => {
      await closeCampaign(req.ctx, req.params.id);
      return loadCampaign(req.ctx, req.params.id);
    },
  );

  app.get(
    '/api/visit-campaigns/:id/coverage',
    {
      schema: {
        tags,
        summary: '慰问活动覆盖情况：各下级单位的基层工会数、已走访数、覆盖率、慰问人数和金额',
        params: idParams,
        querystring: coverageQuery,
        response: { 200: coverageView },
      },
      config: { access: 'welfare.read' },
    },
    (req) => campaignCoverage(req.ctx, req.params.id, req.query.orgId),
  );

  app.get(
    '/api/visit-campaigns/:id/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出慰问活动的走访慰问明细（.xlsx）',
        params: idParams,
        querystring: exportQuery,
        produces: [xlsxMime],
      },
      config: { access: 'welfare.read' },
    },
    async (req, reply) => {
      const file = await exportCampaignVisits(req.ctx, req.params.id, req.query);
      return sendDownload(reply, file.fileName, xlsxMime, file.content);
    },
  );

  app.get(
    '/api/visits',
    {
      schema: {
        tags,
        summary: '走访慰问记录（按活动、单位、对象类型、日期、名称筛选），含筛选结果合计',
        querystring: visitListQuery,
        response: { 200: visitPage },
      },
      config: { access: 'welfare.read' },
    },
    (req) => listVisits(req.ctx, req.query),
  );

  app.get(
    '/api/visits/targets',
    {
      schema: {
        tags,
        summary: '登记走访时可选的慰问对象（企业工会或在册会员）',
        querystring: targetQuery,
        response: { 200: targetOptions },
      },
      config: { access: 'welfare.manage' },
    },
    (req) => visitTargets(req.ctx, req.query),
  );

  app.get(
    '/api/visits/visiting-orgs',
    {
      schema: {
        tags,
        summary: '登记走访时可选的走访单位',
        querystring: visitingOrgQuery,
        response: { 200: visitingOrgOptions },
      },
      config: { access: 'welfare.manage' },
    },
    (req) => visitingOrgs(req.ctx, req.query.campaignId, req.query.q),
  );

  app.post(
    '/api/visits',
    {
      schema: {
        tags,
        summary:
          '登记走访慰问（multipart：campaignId、orgId、visitDate、targetKind、targetOrgId/memberId/targetName、workersReached、goods、goodsFen、cashFen、narrative，照片 files）',
        consumes: ['multipart/form-data'],
        response: { 201: visitDetail },
      },
      config: { access: 'welfare.manage' },
    },
    async (req, reply) => {
      const { files, fields } = await receiveForm(req, { files: maxPhotos, fileSize: maxPhotoBytes }, uploadErrors);
      const input = checkFields(visitFields, fields);
      const id = await createVisit(req.ctx, input, files);
      return reply.status(201).send(await loadVisit(req.ctx, id));
    },
  );

  app.get(
    '/api/visits/:id',
    {
      schema: { tags, summary: '走访慰问详情（含照片）', params: idParams, response: { 200: visitDetail } },
      config: { access: 'welfare.read' },
    },
    (req) => loadVisit(req.ctx, req.params.id),
  );

  app.delete(
    '/api/visits/:id',
    {
      schema: {
        tags,
        summary: '删除走访慰问记录（金额退回活动预算）',
        params: idParams,
        response: { 200: okResponse },
      },
      config: { access: 'welfare.manage' },
    },
    async (req) => {
      await deleteVisit(req.ctx, req.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/visits/photos/:id',
    {
      schema: { tags, summary: '查看走访照片', params: idParams },
      config: { access: 'welfare.read' },
    },
    async (req, reply) => {
      const photo = await visitPhoto(req.ctx, req.params.id);
      return reply
        .header('content-type', photo.mime)
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-disposition',
          `${showsInline(photo.mime) ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(photo.fileName)}`,
        )
        .header('cache-control', 'private, max-age=3600')
        .send(photo.content);
    },
  );
}
