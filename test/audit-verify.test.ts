import { asc, eq, type SQL, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../server/db/client';
import { chainHash } from '../server/modules/audit/audit.chain';
import { auditLog } from '../server/modules/audit/audit.tables';
import { verifyAuditChain } from '../server/modules/audit/audit.verify';
import { useTestApp } from './app';
import { buildCity, buildUser, signIn, testPassword, uid } from './factories';

const w = useTestApp();

/** Runs one statement with the append-only trigger off, as a superuser tampering by hand would. */
async function tamper(db: Db, statement: SQL) {
  await db.execute(sql`alter table audit_log disable trigger user`);
  try {
    await db.execute(statement);
  } finally {
    await db.execute(sql`alter table audit_log enable trigger user`);
  }
}

/** The database's own message, which drizzle wraps in a "Failed query" error. */
async function failureOf(query: Promise<unknown>): Promise<string> {
  try {
    await query;
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : '';
    return `${err instanceof Error ? err.message : String(err)} ${cause}`;
  }
  return 'no error';
}

const allRows = () => w.db.select().from(auditLog).orderBy(asc(auditLog.id));

/** Both the default batch size and a tiny one, so keyset batch boundaries are crossed too. */
const verifyBoth = async () => [await verifyAuditChain(w.db), await verifyAuditChain(w.db, { batchSize: 2 })];

beforeAll(async () => {
  const city = await buildCity(w.db);
  const user = await buildUser(w.db, 'union_admin', city.countyA);
  await w.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: user.username, password: 'Wrong@Pass2024' },
  });
  const agent = await signIn(w.app, user.username, testPassword);
  const created = await agent.post('/api/orgs', {
    parentId: city.countyA.id,
    type: 'town_federation',
    name: `核验镇总工会${uid()}`,
  });
  expect(created.statusCode).toBe(201);
  const renamed = await agent.patch(`/api/orgs/${created.json().id}`, { name: `核验镇总工会${uid()}` });
  expect(renamed.statusCode).toBe(200);
  await agent.post('/api/auth/logout');
  expect((await allRows()).length).toBeGreaterThanOrEqual(5);
});

describe('audit chain verification', () => {
  it('finds an untouched log intact and reports its head', async () => {
    const rows = await allRows();
    const last = rows.at(-1);
    for (const report of await verifyBoth()) {
      expect(report).toEqual({ ok: true, rows: rows.length, headHash: last?.hash, headId: last?.id });
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit log through the app connection', async () => {
    const [first] = await allRows();
    const id = first?.id ?? 0;
    expect(await failureOf(w.db.update(auditLog).set({ action: 'auth.logout' }).where(eq(auditLog.id, id)))).toMatch(
      /append-only/,
    );
    expect(await failureOf(w.db.delete(auditLog).where(eq(auditLog.id, id)))).toMatch(/append-only/);
    expect(await failureOf(w.db.execute(sql`truncate audit_log`))).toMatch(/append-only/);
    expect((await verifyAuditChain(w.db)).ok).toBe(true);
  });

  it('names a changed row, and the row after one whose hash was recomputed to match', async () => {
    const rows = await allRows();
    const target = rows[2];
    const next = rows[3];
    if (!target || !next) throw new Error('too few audit rows');
    const changed = target.action === 'auth.logout' ? 'auth.login' : 'auth.logout';

    await tamper(w.db, sql`update audit_log set action = ${changed} where id = ${target.id}`);
    for (const report of await verifyBoth()) {
      expect(report.ok).toBe(false);
      expect(report.problem?.id).toBe(target.id);
      expect(report.problem?.reason).toMatch(/被改动/);
      expect(report.headId).toBe(rows[1]?.id);
    }

    // A careful forger recomputes the changed row's hash; the next row's link still gives it away.
    const forged = chainHash(target.prevHash, { ...target, action: changed });
    await tamper(w.db, sql`update audit_log set hash = ${forged} where id = ${target.id}`);
    const report = await verifyAuditChain(w.db);
    expect(report.problem?.id).toBe(next.id);
    expect(report.problem?.reason).toMatch(new RegExp(`前一条记录（id ${target.id}）`));

    await tamper(
      w.db,
      sql`update audit_log set action = ${target.action}, hash = ${target.hash} where id = ${target.id}`,
    );
    expect((await verifyAuditChain(w.db)).ok).toBe(true);
  });

  it('names the row after a deleted one', async () => {
    const rows = await allRows();
    const [before, gone, after] = rows.slice(1, 4);
    if (!before || !gone || !after) throw new Error('too few audit rows');

    await tamper(w.db, sql`delete from audit_log where id = ${gone.id}`);
    for (const report of await verifyBoth()) {
      expect(report.ok).toBe(false);
      expect(report.problem?.id).toBe(after.id);
      expect(report.problem?.reason).toMatch(/删除/);
      expect(report.problem?.reason).toContain(`id ${gone.id}`);
      expect(report.rows).toBe(3);
    }

    // Deleting the first rows is caught as well: the new first row no longer starts the chain.
    const [first] = rows;
    if (!first) throw new Error('too few audit rows');
    await tamper(w.db, sql`delete from audit_log where id = ${first.id}`);
    expect((await verifyAuditChain(w.db)).problem).toEqual({ id: before.id, reason: expect.stringMatching(/起点/) });

    // Putting the rows back (INSERT is allowed) mends the chain.
    await w.db.insert(auditLog).values([first, gone]);
    expect((await verifyAuditChain(w.db)).ok).toBe(true);
  });

  it('reports an empty log as intact with no head', async () => {
    await tamper(w.db, sql`delete from audit_log`);
    expect(await verifyAuditChain(w.db)).toEqual({ ok: true, rows: 0, headHash: null, headId: null });
  });
});
