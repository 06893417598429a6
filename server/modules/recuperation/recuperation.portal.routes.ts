import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { idParams, z } from '../../../shared/schemas/common';
import {
  applicationView,
  type PortalBatchView,
  portalApplicationList,
  portalApplyInput,
  portalBatchList,
} from '../../../shared/schemas/recuperation';
import type { App } from '../../app';
import type { Ctx } from '../../context';
import { chinaDate } from '../../lib/dates';
import { AppError } from '../../plugins/errors';
import { getOwnMember } from '../members/members.queries';
import { orgs } from '../orgs/orgs.tables';
import { applySelf, blockedReason, cancelApplication, confirmApplication } from './recuperation.applications';
import { applicationRows } from './recuperation.queries';
import { recupApplications, recupBatches, recupProgrammes } from './recuperation.tables';

const tags = ['会员服务'];
const portalIdParams = idParams;
const portalCancelInput = z.strictObject({
  reason: z.string().trim().max(200, { error: '不能超过 200 个字符' }).optional(),
});

/** The eligibility rules of a programme in the words a worker reads. */
function rulesOf(p: typeof recupProgrammes.$inferSelect): string[] {
  const rules: string[] = [];
  if (p.frontLineOnly) rules.push('仅限一线职工（报名时声明，由所在工会核实）');
  if (p.modelWorkerOnly) rules.push('仅限劳动模范、先进工作者（请填写所获荣誉称号）');
  if (p.recentYears > 0) rules.push(`近 ${p.recentYears} 年内参加过疗休养的职工不能报名`);
  rules.push('每个项目每人只能报名一期');
  return rules;
}

/** Open batches of programmes run by the member's union or a union above it, sign-up not yet closed. */
async function openBatches(ctx: Ctx): Promise<PortalBatchView[]> {
  const member = await getOwnMember(ctx.db, ctx.actor.accountId);
  const rows = await ctx.db
    .select({ batch: recupBatches, programme: recupProgrammes, ownerName: orgs.name })
    .from(recupBatches)
    .innerJoin(recupProgrammes, eq(recupProgrammes.id, recupBatches.programmeId))
    .innerJoin(orgs, eq(orgs.id, recupProgrammes.orgId))
    .where(
      and(
        eq(recupProgrammes.status, 'open'),
        sql`${member.orgPath} like ${recupProgrammes.orgPath} || '%'`,
        gte(recupBatches.signupDeadline, chinaDate(ctx.now)),
      ),
    )
    .orderBy(asc(recupBatches.startDate), asc(recupBatches.id));
  const items: PortalBatchView[] = [];
  for (const { batch: b, programme: p, ownerName } of rows) {
    const blocked = await blockedReason(ctx.db, p, b, member.id);
    items.push({
      id: b.id,
      programmeId: p.id,
      programmeTitle: p.title,
      ownerName,
      name: b.name,
      startDate: b.startDate,
      endDate: b.endDate,
      signupDeadline: b.signupDeadline,
      destination: b.destination,
      theme: b.theme,
      costFen: b.costFen,
      capacity: b.capacity,
      seatsLeft: b.capacity - b.seatsTaken,
      rules: rulesOf(p),
      frontLineOnly: p.frontLineOnly,
      modelWorkerOnly: p.modelWorkerOnly,
      blocked: blocked ? `您${blocked.text}` : null,
    });
  }
  return items;
}

async function ownApplications(ctx: Ctx) {
  const member = await getOwnMember(ctx.db, ctx.actor.accountId);
  return { items: await applicationRows(ctx.db, eq(recupApplications.memberId, member.id), 100) };
}

async function ownApplication(ctx: Ctx, id: number) {
  const member = await getOwnMember(ctx.db, ctx.actor.accountId);
  const [view] = await applicationRows(
    ctx.db,
    and(eq(recupApplications.id, id), eq(recupApplications.memberId, member.id)),
    1,
  );
  if (!view) throw new AppError('recuperation/application_not_found');
  return view;
}

/** 职工疗休养 in the member portal: open batches, sign-up, the member's own applications. */
export async function recuperationPortalRoutes(app: App) {
  app.get(
    '/api/portal/recuperation/batches',
    {
      schema: { tags, summary: '可报名的疗休养批次', response: { 200: portalBatchList } },
      config: { access: 'portal.use' },
    },
    async (req) => ({ items: await openBatches(req.ctx) }),
  );

  app.get(
    '/api/portal/recuperation/applications',
    {
      schema: { tags, summary: '我的疗休养报名', response: { 200: portalApplicationList } },
      config: { access: 'portal.use' },
    },
    (req) => ownApplications(req.ctx),
  );

  app.post(
    '/api/portal/recuperation/applications',
    {
      schema: { tags, summary: '报名疗休养', body: portalApplyInput, response: { 201: applicationView } },
      config: { access: 'portal.use' },
    },
    async (req, reply) => {
      const { batchId, ...declarations } = req.body;
      const row = await applySelf(req.ctx, batchId, declarations);
      return reply.status(201).send(await ownApplication(req.ctx, row.id));
    },
  );

  app.post(
    '/api/portal/recuperation/applications/:id/cancel',
    {
      schema: {
        tags,
        summary: '取消我的疗休养报名',
        params: portalIdParams,
        body: portalCancelInput,
        response: { 200: applicationView },
      },
      config: { access: 'portal.use' },
    },
    async (req) => {
      await cancelApplication(req.ctx, req.params.id, req.body.reason || '本人取消', 'self');
      return ownApplication(req.ctx, req.params.id);
    },
  );

  app.post(
    '/api/portal/recuperation/applications/:id/confirm',
    {
      schema: { tags, summary: '确认参加疗休养', params: portalIdParams, response: { 200: applicationView } },
      config: { access: 'portal.use' },
    },
    async (req) => {
      await confirmApplication(req.ctx, req.params.id, 'self');
      return ownApplication(req.ctx, req.params.id);
    },
  );
}
