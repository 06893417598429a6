import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accounts, sessions } from '../server/modules/accounts/accounts.tables';
import { auditLog } from '../server/modules/audit/audit.tables';
import { useTestApp } from './app';
import { buildCity, buildUser, signIn, testPassword } from './factories';

const w = useTestApp({ loginLimitPerIp: 100_000, loginLimitPerAccount: 100 });

const login = (username: string, password: string, ip = '127.0.0.1') =>
  w.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });

describe('login and sessions', () => {
  it('logs in by username or mobile and sets a HttpOnly SameSite=Lax cookie', async () => {
    const city = await buildCity(w.db);
    const user = await buildUser(w.db, 'union_admin', city.countyA, { mobile: '13912345678' });
    const res = await login(user.username, testPassword);
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/gh_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect(res.json().permissions).toContain('orgs.create');
    expect(res.json().account.mobile).toBe('139****5678');
    expect((await login('139 1234 5678', testPassword)).statusCode).toBe(200);
  });

  it('refuses a wrong password with a Chinese message and audits the failure', async () => {
    const city = await buildCity(w.db);
    const user = await buildUser(w.db, 'union_cadre', city.countyA);
    const res = await login(user.username, 'Wrong@Pass2024');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'auth/invalid_credentials' });
    expect(res.json().message).toMatch(/用户名或密码错误/);
    const rows = await w.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(user.id)));
    expect(rows.map((r) => r.action)).toContain('auth.login_failed');
    const unknown = await login('nobody_here', 'Wrong@Pass2024');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().message).toBe('用户名或密码错误');
  });

  it('locks the account for 15 minutes after 5 failures', async () => {
    const city = await buildCity(w.db);
    const user = await buildUser(w.db, 'union_cadre', city.countyA);
    for (let i = 0; i < 4; i++) expect((await login(user.username, 'Wrong@Pass2024')).statusCode).toBe(401);
    const fifth = await login(user.username, 'Wrong@Pass2024');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error).toBe('auth/account_locked');
    expect((await login(user.username, testPassword)).statusCode).toBe(423);
    w.clock.advance(14 * 60_000);
    expect((await login(user.username, testPassword)).statusCode).toBe(423);
    w.clock.advance(2 * 60_000);
    expect((await login(user.username, testPassword)).statusCode).toBe(200);
  });

  it('ends a session after 30 idle minutes and after 12 hours in any case', async () => {
    const city = await buildCity(w.db);
    const user = await buildUser(w.db, 'union_cadre', city.countyA);
    const agent = await signIn(w.app, user.username);
    w.clock.advance(29 * 60_000);
    expect((await agent.get('/api/me')).statusCode).toBe(200);
    w.clock.advance(29 * 60_000);
    expect((await agent.get('/api/me')).statusCode).toBe(200);
    w.clock.advance(31 * 60_000);
    const idle = await agent.get('/api/me');
    expect(idle.statusCode).toBe(401);
    expect(idle.json().error).toBe('auth/session_expired');

    const busy = await signIn(w.app, user.username);
    for (let h = 0; h < 12 * 4; h++) {
      w.clock.advance(15 * 60_000);
      const res = await busy.get('/api/me');
      if (h < 12 * 4 - 1) expect(res.statusCode).toBe(200);
      else expect(res.statusCode).toBe(401);
    }
  });

  it('logs out, and the old cookie no longer works', async () => {
    const city = await buildCity(w.db);
    const user = await buildUser(w.db, 'union_cadre', city.countyA);
    const agent = await signIn(w.app, user.username);
    expect((await agent.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await agent.get('/api/me')).statusCode).toBe(401);
  });

  it('refuses a write without the CSRF token', async () => {
    const city = await buildCity(w.db);
    const user = await buildUser(w.db, 'union_admin', city.countyA);
    const agent = await signIn(w.app, user.username);
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/orgs',
      headers: { cookie: agent.cookie },
      payload: { parentId: city.countyA.id, type: 'town_federation', name: '无令牌镇总工会' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('auth/csrf');
    const wrong = await w.app.inject({
      method: 'POST',
      url: '/api/orgs',
      headers: { cookie: agent.cookie, 'x-csrf-token': 'x'.repeat(32) },
      payload: { parentId: city.countyA.id, type: 'town_federation', name: '无令牌镇总工会' },
    });
    expect(wrong.statusCode).toBe(403);
  });

  it('forces a password change before anything else, with the policy enforced', async () => {
    const city = await buildCity(w.db);
    const user = await buildUser(w.db, 'union_admin', city.countyA, { mustChangePassword: true });
    const agent = await signIn(w.app, user.username);
    expect(agent.me.account.mustChangePassword).toBe(true);
    const blocked = await agent.get(`/api/orgs/${city.countyA.id}`);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error).toBe('auth/password_change_required');
    const weak = await agent.post('/api/auth/password', {
      currentPassword: testPassword,
      newPassword: 'short1A',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toMatch(/至少 10 位/);
    const twoClasses = await agent.post('/api/auth/password', {
      currentPassword: testPassword,
      newPassword: 'abcdefghij12',
    });
    expect(twoClasses.statusCode).toBe(400);
    const wrongCurrent = await agent.post('/api/auth/password', {
      currentPassword: 'Nope@2024xx',
      newPassword: 'New@Pass2025x',
    });
    expect(wrongCurrent.json().error).toBe('auth/wrong_password');
    const ok = await agent.post('/api/auth/password', {
      currentPassword: testPassword,
      newPassword: 'New@Pass2025x',
    });
    expect(ok.statusCode).toBe(200);
    expect((await agent.get(`/api/orgs/${city.countyA.id}`)).statusCode).toBe(200);
    const [row] = await w.db.select().from(accounts).where(eq(accounts.id, user.id));
    expect(row?.mustChangePassword).toBe(false);
    expect(row?.passwordHash.startsWith('$argon2id$')).toBe(true);
  });

  it('stores only a hash of the session token', async () => {
    const city = await buildCity(w.db);
    const user = await buildUser(w.db, 'union_cadre', city.countyA);
    const agent = await signIn(w.app, user.username);
    const token = agent.cookie.split('=')[1] ?? '';
    const rows = await w.db.select().from(sessions).where(eq(sessions.accountId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).not.toContain(token);
    expect(rows[0]?.tokenHash).toHaveLength(64);
  });
});

describe('login rate limits', () => {
  const limited = useTestApp({ loginLimitPerIp: 8, loginLimitPerAccount: 3, loginLimitWindowSeconds: 300 });
  const attempt = (username: string, ip: string) =>
    limited.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: 'x' },
      remoteAddress: ip,
    });

  it('limits attempts per account and per IP within a window', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt('someone', `10.0.0.${i + 1}`)).statusCode).toBe(401);
    const perAccount = await attempt('someone', '10.0.0.9');
    expect(perAccount.statusCode).toBe(429);
    expect(perAccount.json().message).toMatch(/频繁/);
    for (let i = 0; i < 8; i++) expect((await attempt(`user${i}`, '10.9.9.9')).statusCode).toBe(401);
    expect((await attempt('fresh_user', '10.9.9.9')).statusCode).toBe(429);
    limited.clock.advance(301_000);
    expect((await attempt('fresh_user', '10.9.9.9')).statusCode).toBe(401);
  });
});

describe('behind an HTTPS proxy', () => {
  const proxied = useTestApp({ trustProxy: true });

  it('marks the session cookie Secure when the request came over HTTPS', async () => {
    const city = await buildCity(proxied.db);
    const user = await buildUser(proxied.db, 'union_cadre', city.countyA);
    const login = (proto: string) =>
      proxied.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user.username, password: testPassword },
        headers: { 'x-forwarded-proto': proto },
      });
    expect(String((await login('https')).headers['set-cookie'])).toMatch(/Secure/);
    expect(String((await login('http')).headers['set-cookie'])).not.toMatch(/Secure/);
  });
});
