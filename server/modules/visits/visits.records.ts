import { and, eq, sql } from 'drizzle-orm';
import { fenToYuanText } from '../../../shared/money';
import type { VisitInput } from '../../../shared/schemas/visits';
import { maxPhotos } from '../../../shared/schemas/visits';
import type { Ctx } from '../../context';
import { chinaDate } from '../../lib/dates';
import { fileMime, storedFileRow, type UploadedFile } from '../../lib/uploads';
import { AppError } from '../../plugins/errors';
import { inScope, pathInScope, scopeFor } from '../../plugins/scope';
import { audit } from '../audit/audit.service';
import { getMemberInScope } from '../members/members.queries';
import { orgs } from '../orgs/orgs.tables';
import { isGrassroots, visibleCampaign } from './visits.campaigns';
import { careCampaigns, careVisitPhotos, careVisits } from './visits.tables';

type Target = Pick<
  typeof careVisits.$inferInsert,
  'targetKind' | 'targetOrgId' | 'targetPath' | 'memberId' | 'targetName' | 'employerName'
>;

/** Resolves and checks the visit's target inside the caller's manage scope and the campaign's subtree. */
async function resolveTarget(ctx: Ctx, input: VisitInput, campaignPath: string): Promise<Target> {
  const manage = scopeFor(ctx.actor, 'welfare.manage');
  const employerName = input.employerName || null;
  if (input.targetKind === 'enterprise') {
    if (input.memberId) throw new AppError('visits/invalid_input', { field: 'memberId' }, '企业走访不能选择会员');
    if (input.workersReached < 1) throw new AppError('visits/invalid_input');
    if (input.targetOrgId) {
      const [org] = await ctx.db.select().from(orgs).where(eq(orgs.id, input.targetOrgId));
      if (!org || !pathInScope(org.path, manage)) throw new AppError('orgs/not_found');
      if (!isGrassroots(org.type)) throw new AppError('visits/not_enterprise');
      if (!org.path.startsWith(campaignPath)) throw new AppError('visits/target_outside_campaign');
      return {
        targetKind: 'enterprise',
        targetOrgId: org.id,
        targetPath: org.path,
        memberId: null,
        targetName: org.name.replace(/工会$/, '') || org.name,
        employerName: null,
      };
    }
    if (!input.targetName) {
      throw new AppError('visits/invalid_input', { field: 'targetName' }, '请选择企业工会，或填写未建会企业的名称');
    }
    return {
      targetKind: 'enterprise',
      targetOrgId: null,
      targetPath: null,
      memberId: null,
      targetName: input.targetName,
      employerName,
    };
  }
  if (input.workersReached !== 1) {
    throw new AppError('visits/invalid_input', { field: 'workersReached' }, '走访慰问职工个人时，慰问人数为 1');
  }
  if (input.targetOrgId) throw new AppError('visits/invalid_input', { field: 'targetOrgId' }, '慰问职工时不能选择企业');
  if (input.memberId) {
    const member = await getMemberInScope(ctx.db, manage, input.memberId);
    if (!member.orgPath.startsWith(campaignPath)) throw new AppError('visits/target_outside_campaign');
    if (member.status !== 'active') throw new AppError('visits/member_not_active');
    return {
      targetKind: 'worker',
      targetOrgId: member.orgId,
      targetPath: member.orgPath,
      memberId: member.id,
      targetName: member.name,
      employerName: member.employerName ?? member.orgName,
    };
  }
  if (!input.targetName) {
    throw new AppError('visits/invalid_input', { field: 'targetName' }, '请选择会员，或填写非会员职工的姓名');
  }
  return {
    targetKind: 'worker',
    targetOrgId: null,
    targetPath: null,
    memberId: null,
    targetName: input.targetName,
    employerName,
  };
}

function typedPhotos(files: UploadedFile[]) {
  if (files.length > maxPhotos) throw new AppError('visits/invalid_file', {}, `走访照片最多上传 ${maxPhotos} 张`);
  return files.map((f) => {
    const mime = fileMime(f);
    if (!mime?.startsWith('image/')) {
      throw new AppError(
        'visits/invalid_file',
        { fileName: f.fileName },
        `“${f.fileName}”不是支持的照片格式（JPG、PNG、HEIC）`,
      );
    }
    return { ...f, mime };
  });
}

/** Records a visit with its photos: checks, budget, photos and audit in one transaction. */
export async function createVisit(ctx: Ctx, input: VisitInput, files: UploadedFile[]): Promise<number> {
  const campaign = await visibleCampaign(ctx, ctx.db, input.campaignId);
  const manage = scopeFor(ctx.actor, 'welfare.manage');
  const [org] = await ctx.db
    .select()
    .from(orgs)
    .where(eq(orgs.id, input.orgId ?? ctx.actor.orgId));
  if (!org || !pathInScope(org.path, manage)) throw new AppError('orgs/not_found');
  if (!org.path.startsWith(campaign.orgPath)) throw new AppError('visits/org_outside_campaign');
  if (campaign.status !== 'active') throw new AppError('visits/campaign_closed');
  if (input.visitDate > chinaDate(ctx.now)) throw new AppError('visits/future_date');
  if (input.visitDate < campaign.startDate || input.visitDate > campaign.endDate) {
    throw new AppError(
      'visits/date_outside_period',
      { field: 'visitDate' },
      `走访日期应在活动期间 ${campaign.startDate} 至 ${campaign.endDate} 之内`,
    );
  }
  const target = await resolveTarget(ctx, input, campaign.orgPath);
  const photos = typedPhotos(files);
  const amount = input.goodsFen + input.cashFen;

  return ctx.db.transaction(async (tx) => {
    const [admitted] = await tx
      .update(careCampaigns)
      .set({ spentFen: sql`${careCampaigns.spentFen} + ${amount}` })
      .where(
        and(
          eq(careCampaigns.id, campaign.id),
          eq(careCampaigns.status, 'active'),
          sql`${careCampaigns.startDate} <= ${input.visitDate} and ${careCampaigns.endDate} >= ${input.visitDate}`,
          sql`${careCampaigns.spentFen} + ${amount} <= ${careCampaigns.budgetFen}`,
        ),
      )
      .returning({ spentFen: careCampaigns.spentFen });
    if (!admitted) {
      const [now] = await tx.select().from(careCampaigns).where(eq(careCampaigns.id, campaign.id));
      if (now?.status !== 'active') throw new AppError('visits/campaign_closed');
      if (input.visitDate < now.startDate || input.visitDate > now.endDate)
        throw new AppError('visits/date_outside_period');
      const remaining = now.budgetFen - now.spentFen;
      throw new AppError(
        'visits/over_budget',
        { remainingFen: remaining, amountFen: amount },
        `慰问金额 ${fenToYuanText(amount)} 元超出活动剩余预算 ${fenToYuanText(remaining)} 元`,
      );
    }
    const [visit] = await tx
      .insert(careVisits)
      .values({
        campaignId: campaign.id,
        orgId: org.id,
        orgPath: org.path,
        visitDate: input.visitDate,
        ...target,
        workersReached: input.workersReached,
        goods: input.goods,
        goodsFen: input.goodsFen,
        cashFen: input.cashFen,
        narrative: input.narrative,
        createdBy: ctx.actor.accountId,
        createdByName: ctx.actor.displayName,
        createdAt: ctx.now,
      })
      .returning({ id: careVisits.id });
    if (!visit) throw new Error('insert returned no row');
    if (photos.length) {
      await tx.insert(careVisitPhotos).values(photos.map((f) => ({ visitId: visit.id, ...storedFileRow(f, ctx.now) })));
    }
    await audit(
      { ...ctx, db: tx, scope: manage },
      {
        action: 'visits.create',
        targetType: 'care_visit',
        targetId: visit.id,
        targetName: `${campaign.title}：${target.targetName}`.slice(0, 200),
        orgPath: org.path,
        details: {
          campaignId: campaign.id,
          targetKind: target.targetKind,
          visitDate: input.visitDate,
          workersReached: input.workersReached,
          goodsFen: input.goodsFen,
          cashFen: input.cashFen,
          photos: photos.length,
        },
      },
    );
    return visit.id;
  });
}

/**
 * Deletes a visit while its campaign is active, giving its money back to the budget: by its maker or
 * a holder of `welfare.manage` over the visiting union.
 */
export async function deleteVisit(ctx: Ctx, id: number): Promise<void> {
  const read = scopeFor(ctx.actor, 'welfare.read');
  const manage = scopeFor(ctx.actor, 'welfare.manage');
  await ctx.db.transaction(async (tx) => {
    const [visit] = await tx
      .select()
      .from(careVisits)
      .where(
        and(
          eq(careVisits.id, id),
          sql`(${inScope(careVisits.orgPath, read)} or ${inScope(careVisits.targetPath, read)})`,
        ),
      )
      .for('update');
    if (!visit) throw new AppError('visits/not_found');
    if (visit.createdBy !== ctx.actor.accountId && !pathInScope(visit.orgPath, manage))
      throw new AppError('visits/not_maker');
    const amount = visit.goodsFen + visit.cashFen;
    const [campaign] = await tx
      .update(careCampaigns)
      .set({ spentFen: sql`${careCampaigns.spentFen} - ${amount}` })
      .where(and(eq(careCampaigns.id, visit.campaignId), eq(careCampaigns.status, 'active')))
      .returning({ title: careCampaigns.title });
    if (!campaign) throw new AppError('visits/campaign_closed');
    await tx.delete(careVisits).where(eq(careVisits.id, id));
    await audit(
      { ...ctx, db: tx, scope: manage },
      {
        action: 'visits.delete',
        targetType: 'care_visit',
        targetId: id,
        targetName: `${campaign.title}：${visit.targetName}`.slice(0, 200),
        orgPath: visit.orgPath,
        details: {
          campaignId: visit.campaignId,
          visitDate: visit.visitDate,
          workersReached: visit.workersReached,
          goodsFen: visit.goodsFen,
          cashFen: visit.cashFen,
        },
      },
    );
  });
}

/** A photo of a visit the caller sees. */
export async function visitPhoto(ctx: Ctx, photoId: number) {
  const read = scopeFor(ctx.actor, 'welfare.read');
  const [row] = await ctx.db
    .select({ photo: careVisitPhotos })
    .from(careVisitPhotos)
    .innerJoin(careVisits, eq(careVisits.id, careVisitPhotos.visitId))
    .where(
      and(
        eq(careVisitPhotos.id, photoId),
        sql`(${inScope(careVisits.orgPath, read)} or ${inScope(careVisits.targetPath, read)})`,
      ),
    );
  if (!row) throw new AppError('visits/photo_not_found');
  return row.photo;
}
