/** Authorization-matrix entries of the care-visit routes (campaigns, visits, photos, coverage, export). */
import { chinaDate } from '../../server/lib/dates';
import { careCampaigns, careVisitPhotos, careVisits } from '../../server/modules/visits/visits.tables';
import type { UploadPart } from '../factories';
import { tinyPng } from '../workplanFixtures';
import type { ModuleEntries, Side } from './types';

const today = () => chinaDate(new Date());

export const visitsEntries: ModuleEntries = ({ w }) => {
  /** An active campaign of the side's county, made by someone else (budget 1 万元). */
  async function countyCampaign(side: Side) {
    const now = new Date();
    const [row] = await w.db
      .insert(careCampaigns)
      .values({
        orgId: side.county.id,
        orgPath: side.county.path,
        kind: 'summer',
        title: '矩阵送清凉',
        startDate: `${today().slice(0, 4)}-01-01`,
        endDate: `${today().slice(0, 4)}-12-31`,
        budgetFen: 1_000_000,
        spentFen: 10_000,
        createdBy: 0,
        createdByName: '矩阵',
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: careCampaigns.id });
    if (!row) throw new Error('campaign');
    return row.id;
  }

  /** A visit of the side's county to its union (100 元, one photo), in a fresh campaign. */
  async function countyVisit(side: Side) {
    const campaignId = await countyCampaign(side);
    const [visit] = await w.db
      .insert(careVisits)
      .values({
        campaignId,
        orgId: side.county.id,
        orgPath: side.county.path,
        visitDate: today(),
        targetKind: 'enterprise',
        targetOrgId: side.union.id,
        targetPath: side.union.path,
        targetName: side.union.name,
        workersReached: 10,
        goodsFen: 10_000,
        cashFen: 0,
        createdBy: 0,
        createdByName: '矩阵',
        createdAt: new Date(),
      })
      .returning({ id: careVisits.id });
    if (!visit) throw new Error('visit');
    const [photo] = await w.db
      .insert(careVisitPhotos)
      .values({
        visitId: visit.id,
        fileName: '现场.png',
        mime: 'image/png',
        size: tinyPng.length,
        sha256: '0'.repeat(64),
        content: tinyPng,
        createdAt: new Date(),
      })
      .returning({ id: careVisitPhotos.id });
    return { campaignId, visitId: visit.id, photoId: photo?.id as number };
  }

  const visitParts = (campaignId: number, side: Side): UploadPart[] => [
    { name: 'campaignId', value: String(campaignId) },
    { name: 'orgId', value: String(side.county.id) },
    { name: 'visitDate', value: today() },
    { name: 'targetKind', value: 'enterprise' },
    { name: 'targetOrgId', value: String(side.union.id) },
    { name: 'workersReached', value: '30' },
    { name: 'goods', value: '西瓜' },
    { name: 'goodsFen', value: '150000' },
    { name: 'files', fileName: '现场.png', data: tinyPng },
  ];

  return {
    'GET /api/visit-campaigns': {
      access: 'welfare.read',
      request: () => ({ url: '/api/visit-campaigns' }),
      status: 200,
      outside: false,
    },
    'POST /api/visit-campaigns': {
      access: 'welfare.manage',
      request: (s) => ({
        url: '/api/visit-campaigns',
        payload: {
          orgId: s.county.id,
          kind: 'winter',
          title: '矩阵送温暖',
          startDate: '2026-01-01',
          endDate: '2026-02-28',
          budgetFen: 500_000,
        },
      }),
      status: 201,
    },
    'GET /api/visit-campaigns/:id': {
      access: 'welfare.read',
      request: async (s) => ({ url: `/api/visit-campaigns/${await countyCampaign(s)}` }),
      status: 200,
    },
    'PATCH /api/visit-campaigns/:id': {
      access: 'welfare.manage',
      request: async (s) => ({
        url: `/api/visit-campaigns/${await countyCampaign(s)}`,
        payload: { budgetFen: 2_000_000 },
      }),
      status: 200,
    },
    'POST /api/visit-campaigns/:id/close': {
      access: 'welfare.manage',
      request: async (s) => ({ url: `/api/visit-campaigns/${await countyCampaign(s)}/close` }),
      status: 200,
    },
    'GET /api/visit-campaigns/:id/coverage': {
      access: 'welfare.read',
      request: async (s) => ({ url: `/api/visit-campaigns/${(await countyVisit(s)).campaignId}/coverage` }),
      status: 200,
    },
    'GET /api/visit-campaigns/:id/export.xlsx': {
      access: 'welfare.read',
      request: async (s) => ({ url: `/api/visit-campaigns/${(await countyVisit(s)).campaignId}/export.xlsx` }),
      status: 200,
    },
    'GET /api/visits': {
      access: 'welfare.read',
      request: (s) => ({ url: `/api/visits?orgId=${s.county.id}` }),
      status: 200,
    },
    'GET /api/visits/targets': {
      access: 'welfare.manage',
      request: async (s) => ({ url: `/api/visits/targets?kind=enterprise&campaignId=${await countyCampaign(s)}` }),
      status: 200,
    },
    'GET /api/visits/visiting-orgs': {
      access: 'welfare.manage',
      request: async (s) => ({ url: `/api/visits/visiting-orgs?campaignId=${await countyCampaign(s)}` }),
      status: 200,
    },
    'POST /api/visits': {
      access: 'welfare.manage',
      request: async (s) => ({ url: '/api/visits', multipart: visitParts(await countyCampaign(s), s) }),
      status: 201,
    },
    'GET /api/visits/:id': {
      access: 'welfare.read',
      request: async (s) => ({ url: `/api/visits/${(await countyVisit(s)).visitId}` }),
      status: 200,
    },
    'DELETE /api/visits/:id': {
      access: 'welfare.manage',
      request: async (s) => ({ url: `/api/visits/${(await countyVisit(s)).visitId}` }),
      status: 200,
    },
    'GET /api/visits/photos/:id': {
      access: 'welfare.read',
      request: async (s) => ({ url: `/api/visits/photos/${(await countyVisit(s)).photoId}` }),
      status: 200,
    },
  };
};
