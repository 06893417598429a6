import { idParams } from '../../../shared/schemas/common';
import {
  portalTransferBody,
  transferDeclineBody,
  transferInBody,
  transferList,
  transferListQuery,
  transferOutBody,
  transferPage,
  transferView,
} from '../../../shared/schemas/transfers';
import type { App } from '../../app';
import { getOwnMember } from './members.queries';
import { listOwnTransfers, listTransfers } from './transfers.queries';
import { decideTransfer, requestOwnTransfer, transferIn, transferOut } from './transfers.service';

const tags = ['转会'];

/**
 * Transfers: started by the sending union, the receiving union or the member; the side that did not
 * start it agrees (for a member's own request, the receiving union).
 */
export async function transferRoutes(app: App) {
  app.post(
    '/api/members/transfers/out',
    {
      schema: {
        tags,
        summary: '转出：本工会会员转到其他工会（须转入工会同意）',
        body: transferOutBody,
        response: { 201: transferView },
      },
      config: { access: 'members.manage' },
    },
    async (req, reply) => reply.status(201).send(await transferOut(req.ctx, req.body)),
  );

  app.post(
    '/api/members/transfers/in',
    {
      schema: {
        tags,
        summary: '转入：按身份证号申请将其他工会的会员转入本工会（须转出工会确认）',
        body: transferInBody,
        response: { 201: transferView },
      },
      config: { access: 'members.manage' },
    },
    async (req, reply) => reply.status(201).send(await transferIn(req.ctx, req.body)),
  );

  app.get(
    '/api/members/transfers',
    {
      schema: {
        tags,
        summary: '转会申请（转入、转出本级及下级）',
        querystring: transferListQuery,
        response: { 200: transferPage },
      },
      config: { access: 'members.manage' },
    },
    (req) => listTransfers(req.ctx.db, req.ctx.scope, req.query),
  );

  app.post(
    '/api/members/transfers/:id/accept',
    {
      schema: { tags, summary: '同意转会（会员随即转入新工会）', params: idParams, response: { 200: transferView } },
      config: { access: 'members.manage' },
    },
    (req) => decideTransfer(req.ctx, req.params.id, { accept: true }),
  );

  app.post(
    '/api/members/transfers/:id/decline',
    {
      schema: {
        tags,
        summary: '不同意转会（须填写原因）',
        params: idParams,
        body: transferDeclineBody,
        response: { 200: transferView },
      },
      config: { access: 'members.manage' },
    },
    (req) => decideTransfer(req.ctx, req.params.id, { accept: false, comment: req.body.comment }),
  );

  app.post(
    '/api/portal/member/transfers',
    {
      schema: { tags, summary: '会员申请转会', body: portalTransferBody, response: { 201: transferView } },
      config: { access: 'portal.use' },
    },
    async (req, reply) => reply.status(201).send(await requestOwnTransfer(req.ctx, req.body)),
  );

  app.get(
    '/api/portal/member/transfers',
    {
      schema: { tags, summary: '我的转会申请', response: { 200: transferList } },
      config: { access: 'portal.use' },
    },
    async (req) => {
      const member = await getOwnMember(req.ctx.db, req.ctx.actor.accountId);
      return listOwnTransfers(req.ctx.db, req.ctx.scope, member.id);
    },
  );
}
