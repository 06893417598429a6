import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from './app';

// A stand-in build: the server's job is routing pages and assets, whatever the bundle holds.
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-web-'));
fs.mkdirSync(path.join(dist, 'm'));
fs.mkdirSync(path.join(dist, 'assets'));
fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>admin</title>');
fs.writeFileSync(path.join(dist, 'm', 'index.html'), '<!doctype html><title>portal</title>');
fs.writeFileSync(path.join(dist, 'assets', 'app-1a2b3c.js'), 'console.log(1)');
afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

const w = useTestApp({ webDist: dist });

describe('serving the web apps', () => {
  it('answers admin pages with the admin app and /m pages with the portal', async () => {
    for (const [url, title] of [
      ['/', 'admin'],
      ['/orgs?org=3', 'admin'],
      ['/login', 'admin'],
      ['/m', 'portal'],
      ['/m/', 'portal'],
      ['/m/login', 'portal'],
    ]) {
      const res = await w.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain(`<title>${title}</title>`);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('serves hashed assets as immutable, and answers 404 for missing files and unknown API routes', async () => {
    const asset = await w.app.inject({ url: '/assets/app-1a2b3c.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    expect((await w.app.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
    const api = await w.app.inject({ url: '/api/unknown' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error).toBe('common/not_found');
  });
});
