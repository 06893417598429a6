import { randomBytes } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { z } from 'zod';
import type { App } from '../server/app';
import type { DbOrTx } from '../server/db/client';
import type { OrgRow } from '../server/modules/orgs/orgs.tables';
import { type MemberSpec, makeAccount, makeMember, makeOrg } from '../server/seed/factories';
import type { RoleCode } from '../shared/permissions';
import type { meResponse } from '../shared/schemas/auth';
import { makeCreditCode } from '../shared/validators/creditCode';
import { makeIdNumber } from '../shared/validators/idNumber';
import { testKeyRing } from './app';

export const testPassword = 'Test@Pass2024';

/** A short unique suffix for names that must not collide between tests sharing a database. */
export const uid = () => randomBytes(4).toString('hex');

let creditSeq = Math.floor(Math.random() * 1e7);
/** A valid, unused unified social credit code. */
export const creditCode = (area = '320600') => makeCreditCode('81', area, ++creditSeq);

/**
 * A fresh city of its own for one test: root → county A (with town → union → group) and county B
 * (with a union), so "inside my subtree" and "another subtree" are both at hand.
 */
export async function buildCity(db: DbOrTx) {
  const s = uid();
  const root = await makeOrg(db, null, {
    name: `测试市总工会${s}`,
    type: 'city_federation',
    areaCode: '320600',
  });
  const countyA = await makeOrg(db, root, {
    name: `甲区总工会${s}`,
    type: 'county_federation',
    areaCode: '320614',
  });
  const countyB = await makeOrg(db, root, {
    name: `乙区总工会${s}`,
    type: 'county_federation',
    areaCode: '320613',
  });
  const townA = await makeOrg(db, countyA, { name: `甲区常乐镇总工会${s}`, type: 'town_federation' });
  const unionA = await makeOrg(db, townA, {
    name: `甲区纺织有限公司工会${s}`,
    type: 'grassroots_enterprise',
    creditCode: creditCode('320614'),
  });
  const groupA = await makeOrg(db, unionA, { name: `一车间工会小组${s}`, type: 'union_group' });
  const unionB = await makeOrg(db, countyB, {
    name: `乙区机械有限公司工会${s}`,
    type: 'grassroots_enterprise',
  });
  return { root, countyA, countyB, townA, unionA, groupA, unionB };
}
export type City = Awaited<ReturnType<typeof buildCity>>;

/** An account holding one role at one org (its home org), with a known password. */
export async function buildUser(
  db: DbOrTx,
  role: RoleCode,
  org: OrgRow,
  opts: { mustChangePassword?: boolean; password?: string; mobile?: string; memberId?: number } = {},
) {
  return makeAccount(db, {
    username: `u_${role}_${uid()}`,
    displayName: `测试${role}`,
    password: opts.password ?? testPassword,
    org,
    mobile: opts.mobile ?? null,
    mustChangePassword: opts.mustChangePassword ?? false,
    memberId: opts.memberId ?? null,
    grants: [{ role, org }],
  });
}

type Me = z.infer<typeof meResponse>;
type Response = LightMyRequestResponse;

/** A signed-in client: sends the session cookie and, on writes, the CSRF header. */
export interface Agent {
  me: Me;
  cookie: string;
  request(method: InjectOptions['method'], url: string, payload?: unknown): Promise<Response>;
  get(url: string): Promise<Response>;
  post(url: string, payload?: unknown): Promise<Response>;
  patch(url: string, payload?: unknown): Promise<Response>;
  delete(url: string): Promise<Response>;
  /** A multipart/form-data POST (file uploads). */
  upload(url: string, parts: UploadPart[]): Promise<Response>;
}

export type UploadPart =
  | { name: string; value: string }
  | { name: string; fileName: string; data: Buffer; type?: string };

/** Encodes parts as multipart/form-data, the way a browser's FormData is sent. */
export function multipartBody(parts: UploadPart[]) {
  const boundary = `----gonghui${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      'data' in part
        ? `form-data; name="${part.name}"; filename="${part.fileName}"\r\nContent-Type: ${part.type ?? 'application/octet-stream'}`
        : `form-data; name="${part.name}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n`));
    chunks.push('data' in part ? part.data : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Logs in through the API and returns an agent for that session. */
export async function signIn(app: App, username: string, password = testPassword): Promise<Agent> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('gh_session='));
  const cookie = setCookie?.split(';')[0] ?? '';
  const me = res.json() as Me;
  const request = (method: InjectOptions['method'], url: string, payload?: unknown): Promise<Response> =>
    app.inject({
      method,
      url,
      headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': me.csrfToken }) },
      ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
    });
  return {
    me,
    cookie,
    request,
    get: (url) => request('GET', url),
    post: (url, payload) => request('POST', url, payload),
    patch: (url, payload) => request('PATCH', url, payload),
    delete: (url) => request('DELETE', url),
    upload: (url, parts) => {
      const { payload, contentType } = multipartBody(parts);
      return app.inject({
        method: 'POST',
        url,
        headers: { cookie, 'x-csrf-token': me.csrfToken, 'content-type': contentType },
        payload,
      });
    },
  };
}

/** Creates a user with a role at an org and signs them in. */
export async function signInAs(app: App, db: DbOrTx, role: RoleCode, org: OrgRow) {
  const user = await buildUser(db, role, org);
  return { user, agent: await signIn(app, user.username) };
}

const usedIdNumbers = new Set<string>();
/** A valid resident ID number not yet used in this test process (born 1960–1999, area 320614 by default). */
export function uniqueIdNumber(opts: { area?: string; gender?: 'male' | 'female'; birthDate?: string } = {}): string {
  for (;;) {
    const day = Math.floor(Math.random() * 14_600);
    const birth = opts.birthDate ?? new Date(Date.UTC(1960, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    let seq = Math.floor(Math.random() * 1000);
    if (opts.gender && (seq % 2 === 1) !== (opts.gender === 'male')) seq = (seq + 1) % 1000;
    const id = makeIdNumber(opts.area ?? '320614', birth, seq);
    if (!usedIdNumbers.has(id)) {
      usedIdNumbers.add(id);
      return id;
    }
  }
}

/** A member of `org` with a fresh ID number (and the given overrides). */
export function buildMember(db: DbOrTx, org: OrgRow, spec: Partial<MemberSpec> = {}) {
  return makeMember(db, testKeyRing, org, { name: '张建国', idNumber: uniqueIdNumber(), ...spec });
}
