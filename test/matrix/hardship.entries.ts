/** Authorization-matrix entries of the hardship files' routes. */
import { eq } from 'drizzle-orm';
import { chinaDate } from '../../server/lib/dates';
import { hardshipConsents } from '../../server/modules/hardship/hardship.tables';
import { fileFirstMemberOf } from '../../server/seed/demoHardship';
import { buildMember } from '../factories';
import type { ModuleEntries, Side } from './types';

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

export const hardshipEntries: ModuleEntries = ({ w }) => {
  const today = () => chinaDate(new Date());
  /** An active file in the side's union, made directly (not by the acting admin). */
  const fileIn = async (s: Side) => {
    const member = await buildMember(w.db, s.union, { joinedDate: '2015-01-01' });
    return fileFirstMemberOf(w.db, s.union, { filedOn: '2025-01-10', memberId: member.id });
  };
  const consentOf = async (s: Side, withForm: boolean) => {
    const fileId = await fileIn(s);
    const [consent] = await w.db.select().from(hardshipConsents).where(eq(hardshipConsents.fileId, fileId));
    if (!consent) throw new Error('fixture consent missing');
    if (withForm) {
      await w.db
        .update(hardshipConsents)
        .set({ formName: '授权书.png', formMime: 'image/png', formSize: png.length, formSha256: '0', formContent: png })
        .where(eq(hardshipConsents.id, consent.id));
    }
    return consent.id;
  };
  return {
    'GET /api/hardship/files': {
      access: 'welfare.read',
      request: (s) => ({ url: `/api/hardship/files?orgId=${s.county.id}` }),
      status: 200,
    },
    'GET /api/hardship/files/export': {
      access: 'welfare.read',
      request: (s) => ({ url: `/api/hardship/files/export?orgId=${s.county.id}` }),
      status: 200,
    },
    'GET /api/hardship/stats': {
      access: 'welfare.read',
      request: (s) => ({ url: `/api/hardship/stats?orgId=${s.county.id}` }),
      status: 200,
    },
    'GET /api/hardship/candidates': {
      access: 'welfare.manage',
      request: () => ({ url: `/api/hardship/candidates?q=${encodeURIComponent('张')}` }),
      status: 200,
      outside: false,
    },
    'GET /api/hardship/files/:id': {
      access: 'welfare.read',
      request: async (s) => ({ url: `/api/hardship/files/${await fileIn(s)}` }),
      status: 200,
    },
    'POST /api/hardship/files': {
      access: 'welfare.manage',
      request: async (s) => ({
        url: '/api/hardship/files',
        payload: {
          memberId: (await buildMember(w.db, s.union)).id,
          filedOn: today(),
          level: 'relative',
          causes: ['illness'],
          household: [{ relation: 'self', name: '张建国', age: 40 }],
          householdSize: 1,
          address: '矩阵路 1 号',
        },
      }),
      status: 201,
    },
    'PATCH /api/hardship/files/:id': {
      access: 'welfare.manage',
      request: async (s) => ({ url: `/api/hardship/files/${await fileIn(s)}`, payload: { address: '矩阵路 2 号' } }),
      status: 200,
    },
    'POST /api/hardship/files/:id/reviews': {
      access: 'welfare.manage',
      request: async (s) => ({
        url: `/api/hardship/files/${await fileIn(s)}/reviews`,
        payload: { reviewedOn: today(), outcome: 'keep', comment: '维持' },
      }),
      status: 200,
    },
    'POST /api/hardship/files/:id/resolve': {
      access: 'welfare.manage',
      request: async (s) => ({
        url: `/api/hardship/files/${await fileIn(s)}/resolve`,
        payload: { resolvedOn: today(), reason: 'income' },
      }),
      status: 200,
    },
    'POST /api/hardship/consents/:id/form': {
      access: 'welfare.manage',
      request: async (s) => ({
        url: `/api/hardship/consents/${await consentOf(s, false)}/form`,
        multipart: [{ name: 'file', fileName: '授权书.png', data: png, type: 'image/png' }],
      }),
      status: 200,
    },
    'GET /api/hardship/consents/:id/form': {
      access: 'welfare.sensitive',
      request: async (s) => ({ url: `/api/hardship/consents/${await consentOf(s, true)}/form` }),
      status: 200,
    },
  };
};
