import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../server/modules/audit/audit.tables';
import { useTestApp } from './app';
import { buildCity, buildUser, signIn, signInAs, testPassword, uid } from './factories';

const w = useTestApp();
const initialPassword = 'Init@Pass2024';

describe('accounts and grants', () => {
  it('creates an account with a grant; it must change the initial password at first login', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    const username = `Admin_${uid()}`;
    const res = await agent.post('/api/accounts', {
      username,
      displayName: '王海燕',
      mobile: '13812345678',
      orgId: city.unionA.id,
      initialPassword,
      grants: [{ role: 'union_admin', orgId: city.unionA.id }],
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      username: username.toLowerCase(),
      mobile: '138****5678',
      mustChangePassword: true,
    });
    expect(created.grants).toEqual([
      expect.objectContaining({
        role: 'union_admin',
        roleName: '工会管理员',
        org: expect.objectContaining({ id: city.unionA.id }),
      }),
    ]);
    const newUser = await signIn(w.app, username, initialPassword);
    expect(newUser.me.account.mustChangePassword).toBe(true);
    expect((await newUser.get(`/api/orgs/${city.unionA.id}`)).json().error).toBe('auth/password_change_required');
    expect(
      (
        await newUser.post('/api/auth/password', {
          currentPassword: initialPassword,
          newPassword: 'Mine@2024pass',
        })
      ).statusCode,
    ).toBe(200);
    expect((await newUser.get(`/api/orgs/${city.unionA.id}`)).statusCode).toBe(200);
    expect((await newUser.get(`/api/orgs/${city.townA.id}`)).statusCode).toBe(404);

    const dup = await agent.post('/api/accounts', {
      username,
      displayName: '重复',
      orgId: city.unionA.id,
      initialPassword,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toBe('accounts/duplicate_username');
    const dupMobile = await agent.post('/api/accounts', {
      username: `m_${uid()}`,
      displayName: '重复',
      mobile: '138 1234 5678',
      orgId: city.unionA.id,
      initialPassword,
    });
    expect(dupMobile.json().error).toBe('accounts/duplicate_mobile');
  });

  it('refuses weak initial passwords, bad usernames and unknown fields with Chinese messages', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    const weak = await agent.post('/api/accounts', {
      username: `w_${uid()}`,
      displayName: '甲',
      orgId: city.unionA.id,
      initialPassword: 'abcdefghij',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().details[0].field).toBe('initialPassword');
    expect(weak.json().details[0].message).toMatch(/三类/);
    const badName = await agent.post('/api/accounts', {
      username: '中文名',
      displayName: '甲',
      orgId: city.unionA.id,
      initialPassword,
    });
    expect(badName.json().details[0].message).toMatch(/用户名/);
    const extra = await agent.post('/api/accounts', {
      username: `x_${uid()}`,
      displayName: '甲',
      orgId: city.unionA.id,
      initialPassword,
      isRoot: true,
    });
    expect(extra.statusCode).toBe(400);
  });

  it('never grants beyond the granter’s own reach', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    const target = await buildUser(w.db, 'union_cadre', city.unionA);
    const platform = await agent.post(`/api/accounts/${target.id}/grants`, {
      role: 'platform_admin',
      orgId: city.countyA.id,
    });
    expect(platform.statusCode).toBe(403);
    expect(platform.json().error).toBe('accounts/role_not_grantable');
    const elsewhere = await agent.post(`/api/accounts/${target.id}/grants`, {
      role: 'union_cadre',
      orgId: city.countyB.id,
    });
    expect(elsewhere.statusCode).toBe(404);
    const ok = await agent.post(`/api/accounts/${target.id}/grants`, {
      role: 'union_admin',
      orgId: city.townA.id,
    });
    expect(ok.statusCode).toBe(200);
    const grant = ok.json().grants.find((g: { role: string }) => g.role === 'union_admin');
    expect(
      (await agent.post(`/api/accounts/${target.id}/grants`, { role: 'union_admin', orgId: city.townA.id })).statusCode,
    ).toBe(409);
    const revoked = await agent.delete(`/api/accounts/${target.id}/grants/${grant.id}`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().grants.map((g: { role: string }) => g.role)).toEqual(['union_cadre']);

    const { agent: cityAdmin } = await signInAs(w.app, w.db, 'platform_admin', city.root);
    const staff = await cityAdmin.get(`/api/orgs/${city.root.id}/departments`);
    const dept = staff.json().items[0];
    const withDept = await cityAdmin.post(`/api/accounts/${target.id}/grants`, {
      role: 'federation_staff',
      orgId: city.root.id,
      departmentId: dept.id,
    });
    expect(withDept.statusCode).toBe(200);
    const wrongDept = await cityAdmin.post(`/api/accounts/${target.id}/grants`, {
      role: 'federation_staff',
      orgId: city.countyA.id,
      departmentId: dept.id,
    });
    expect(wrongDept.json().error).toBe('accounts/department_mismatch');
  });

  it('lists accounts of the subtree with filters and masked mobiles', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    const inside = await buildUser(w.db, 'member', city.unionA, { mobile: '13700001111' });
    const outside = await buildUser(w.db, 'member', city.unionB);
    const list = (await agent.get('/api/accounts?limit=200')).json();
    const ids = list.items.map((a: { id: number }) => a.id);
    expect(ids).toContain(inside.id);
    expect(ids).not.toContain(outside.id);
    expect(list.items.find((a: { id: number }) => a.id === inside.id).mobile).toBe('137****1111');
    const byMobile = (await agent.get('/api/accounts?q=13700001111')).json();
    expect(byMobile.items.map((a: { id: number }) => a.id)).toEqual([inside.id]);
    const byRole = (await agent.get('/api/accounts?role=member')).json();
    expect(byRole.items.every((a: { grants: { role: string }[] }) => a.grants.some((g) => g.role === 'member'))).toBe(
      true,
    );
    expect((await agent.get(`/api/accounts/${outside.id}`)).statusCode).toBe(404);
    const page1 = (await agent.get('/api/accounts?limit=1')).json();
    expect(page1.items).toHaveLength(1);
    const page2 = (await agent.get(`/api/accounts?limit=1&cursor=${page1.nextCursor}`)).json();
    expect(page2.items[0].id).toBeLessThan(page1.items[0].id);
  });

  it('resets a password, locks and unlocks, and ends sessions — each audited', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    const target = await buildUser(w.db, 'union_cadre', city.unionA);
    const session = await signIn(w.app, target.username);
    const sessions = (await agent.get(`/api/accounts/${target.id}/sessions`)).json();
    expect(sessions.items).toHaveLength(1);
    const ended = await agent.post(`/api/accounts/${target.id}/sessions/end`);
    expect(ended.json()).toEqual({ ended: 1 });
    expect((await session.get('/api/me')).statusCode).toBe(401);

    const locked = await agent.post(`/api/accounts/${target.id}/lock`);
    expect(locked.json().status).toBe('locked');
    const refused = await w.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: target.username, password: testPassword },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toBe('auth/account_disabled');
    expect((await agent.post(`/api/accounts/${target.id}/unlock`)).json().status).toBe('active');

    const reset = await agent.post(`/api/accounts/${target.id}/reset-password`, {
      password: 'Reset@Pass2024',
    });
    expect(reset.json().mustChangePassword).toBe(true);
    const after = await signIn(w.app, target.username, 'Reset@Pass2024');
    expect(after.me.account.mustChangePassword).toBe(true);
    const self = await agent.post(`/api/accounts/${agent.me.account.id}/lock`);
    expect(self.json().error).toBe('accounts/cannot_change_self');

    const actions = (
      await w.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.targetId, String(target.id)))
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['sessions.end', 'accounts.lock', 'accounts.unlock', 'accounts.reset_password']),
    );
  });

  it('GET /api/me returns the account, its grants and permission codes', async () => {
    const city = await buildCity(w.db);
    const { agent, user } = await signInAs(w.app, w.db, 'union_cadre', city.countyA);
    const me = (await agent.get('/api/me')).json();
    expect(me.account).toMatchObject({ id: user.id, username: user.username, org: { id: city.countyA.id } });
    expect(me.grants).toEqual([
      expect.objectContaining({ role: 'union_cadre', org: expect.objectContaining({ id: city.countyA.id }) }),
    ]);
    expect(me.permissions).toEqual([
      'members.read',
      'orgs.read',
      'welfare.manage',
      'welfare.read',
      'workplans.read',
      'workplans.report',
    ]);
    expect(me.csrfToken).toEqual(agent.me.csrfToken);
  });
});
