import { idParams } from '../../../shared/schemas/common';
import {
  createDepartmentBody,
  createOrgBody,
  departmentList,
  departmentView,
  dissolveOrgBody,
  moveOrgBody,
  orgChildrenQuery,
  orgDetail,
  orgPage,
  orgRootsResponse,
  orgSearchPage,
  orgSearchQuery,
  orgStats,
  orgView,
  updateOrgBody,
} from '../../../shared/schemas/orgs';
import type { App } from '../../app';
import {
  breadcrumbsOf,
  getOrgInScope,
  listChildren,
  listDepartments,
  scopeRoots,
  searchOrgs,
  subtreeStats,
  toOrgView,
} from './orgs.queries';
import { createDepartment, createOrg, dissolveOrg, moveOrg, updateOrg } from './orgs.service';

const tags = ['组织'];

/** The organization tree. */
export async function orgRoutes(app: App) {
  app.get(
    '/api/orgs/roots',
    {
      schema: {
        tags,
        summary: '我可见的最高一级组织',
        response: { 200: orgRootsResponse },
      },
      config: { access: 'orgs.read' },
    },
    async (req) => ({ items: (await scopeRoots(req.ctx.db, req.ctx.scope)).map(toOrgView) }),
  );

  app.get(
    '/api/orgs/search',
    {
      schema: {
        tags,
        summary: '按名称或拼音首字母搜索组织',
        querystring: orgSearchQuery,
        response: { 200: orgSearchPage },
      },
      config: { access: 'orgs.read' },
    },
    (req) => searchOrgs(req.ctx.db, req.ctx.scope, req.query),
  );

  app.get(
    '/api/orgs/:id',
    {
      schema: { tags, summary: '组织详情（含面包屑）', params: idParams, response: { 200: orgDetail } },
      config: { access: 'orgs.read' },
    },
    async (req) => {
      const org = await getOrgInScope(req.ctx.db, req.ctx.scope, req.params.id);
      const [crumbs] = await breadcrumbsOf(req.ctx.db, req.ctx.scope, [org.path]);
      return { ...toOrgView(org), breadcrumbs: crumbs ?? [] };
    },
  );

  app.get(
    '/api/orgs/:id/children',
    {
      schema: {
        tags,
        summary: '下级组织（分页）',
        params: idParams,
        querystring: orgChildrenQuery,
        response: { 200: orgPage },
      },
      config: { access: 'orgs.read' },
    },
    (req) => listChildren(req.ctx.db, req.ctx.scope, req.params.id, req.query),
  );

  app.get(
    '/api/orgs/:id/stats',
    {
      schema: { tags, summary: '下辖合计', params: idParams, response: { 200: orgStats } },
      config: { access: 'orgs.read' },
    },
    (req) => subtreeStats(req.ctx.db, req.ctx.scope, req.params.id),
  );

  app.post(
    '/api/orgs',
    {
      schema: { tags, summary: '新建组织', body: createOrgBody, response: { 201: orgView } },
      config: { access: 'orgs.create' },
    },
    async (req, reply) => reply.status(201).send(await createOrg(req.ctx, req.body)),
  );

  app.patch(
    '/api/orgs/:id',
    {
      schema: {
        tags,
        summary: '编辑组织',
        params: idParams,
        body: updateOrgBody,
        response: { 200: orgView },
      },
      config: { access: 'orgs.update' },
    },
    (req) => updateOrg(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/api/orgs/:id/move',
    {
      schema: {
        tags,
        summary: '调整隶属关系',
        params: idParams,
        body: moveOrgBody,
        response: { 200: orgView },
      },
      config: { access: 'orgs.move' },
    },
    (req) => moveOrg(req.ctx, req.params.id, req.body.newParentId),
  );

  app.post(
    '/api/orgs/:id/dissolve',
    {
      schema: {
        tags,
        summary: '撤销或合并组织',
        params: idParams,
        body: dissolveOrgBody,
        response: { 200: orgView },
      },
      config: { access: 'orgs.dissolve' },
    },
    (req) => dissolveOrg(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/api/orgs/:id/departments',
    {
      schema: { tags, summary: '部室', params: idParams, response: { 200: departmentList } },
      config: { access: 'orgs.read' },
    },
    (req) => listDepartments(req.ctx.db, req.ctx.scope, req.params.id),
  );

  app.post(
    '/api/orgs/:id/departments',
    {
      schema: {
        tags,
        summary: '新建部室',
        params: idParams,
        body: createDepartmentBody,
        response: { 201: departmentView },
      },
      config: { access: 'orgs.update' },
    },
    async (req, reply) => reply.status(201).send(await createDepartment(req.ctx, req.params.id, req.body.name)),
  );
}
