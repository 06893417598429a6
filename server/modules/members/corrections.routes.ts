import { idParams } from '../../../shared/schemas/common';
import {
  correctionList,
  correctionListQuery,
  correctionPage,
  correctionRejectBody,
  correctionRequestBody,
  correctionView,
} from '../../../shared/schemas/members';
import type { App } from '../../app';
import { decideCorrection, listCorrections, listOwnCorrections, requestCorrection } from './members.corrections';

const tags = ['会员信息更正'];

/** Corrections: a member asks in the portal, their union approves (applying it) or rejects with a reason. */
export async function correctionRoutes(app: App) {
  app.post(
    '/api/portal/member/corrections',
    {
      schema: { tags, summary: '申请更正本人会员信息', body: correctionRequestBody, response: { 201: correctionView } },
      config: { access: 'portal.use' },
    },
    async (req, reply) => reply.status(201).send(await requestCorrection(req.ctx, req.body)),
  );

  app.get(
    '/api/portal/member/corrections',
    { schema: { tags, summary: '我的更正申请', response: { 200: correctionList } }, config: { access: 'portal.use' } },
    (req) => listOwnCorrections(req.ctx),
  );

  app.get(
    '/api/members/corrections',
    {
      schema: {
        tags,
        summary: '会员信息更正申请（本级及下级）',
        querystring: correctionListQuery,
        response: { 200: correctionPage },
      },
      config: { access: 'members.manage' },
    },
    (req) => listCorrections(req.ctx, req.query),
  );

  app.post(
    '/api/members/corrections/:id/approve',
    {
      schema: {
        tags,
        summary: '通过更正申请（按申请修改会员信息）',
        params: idParams,
        response: { 200: correctionView },
      },
      config: { access: 'members.manage' },
    },
    (req) => decideCorrection(req.ctx, req.params.id, { approve: true }),
  );

  app.post(
    '/api/members/corrections/:id/reject',
    {
      schema: {
        tags,
        summary: '驳回更正申请',
        params: idParams,
        body: correctionRejectBody,
        response: { 200: correctionView },
      },
      config: { access: 'members.manage' },
    },
    (req) => decideCorrection(req.ctx, req.params.id, { approve: false, comment: req.body.comment }),
  );
}
