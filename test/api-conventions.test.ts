import { describe, expect, it } from 'vitest';
import { useTestApp } from './app';
import { testEngine } from './engine';
import { buildCity, signInAs } from './factories';

const w = useTestApp({ bodyLimitBytes: 64 * 1024 });

describe('API conventions', () => {
  it('reports health with the engine, migration level and time', async () => {
    const res = await w.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.engine).toBe(testEngine);
    expect(body.migration.level).toBeGreaterThanOrEqual(3);
    expect(body.migration.latest).toMatch(/^\d{4}_/);
    expect(Date.parse(body.time)).not.toBeNaN();
  });

  it('publishes OpenAPI 3 with every API route, and a reference UI', async () => {
    const res = await w.app.inject({ url: '/api/openapi.json' });
    const spec = res.json();
    expect(spec.openapi).toMatch(/^3\./);
    const documented = new Set(
      Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    for (const r of w.app.apiRoutes) {
      if (r.url === '/api/openapi.json') continue;
      expect(documented, `${r.method} ${r.url}`).toContain(`${r.method} ${r.url}`);
    }
    expect(spec.paths['/api/orgs'].post.requestBody).toBeTruthy();
    const docs = await w.app.inject({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toMatch(/swagger/i);
  });

  it('answers bad input with a 4xx envelope in Chinese, never a 500', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.root);
    const send = (payload: string, contentType = 'application/json') =>
      w.app.inject({
        method: 'POST',
        url: '/api/orgs',
        headers: { cookie: agent.cookie, 'x-csrf-token': agent.me.csrfToken, 'content-type': contentType },
        payload,
      });
    const cases: [string, string, number, string][] = [
      ['malformed JSON', '{"name": ', 400, 'common/malformed_json'],
      [
        'wrong types',
        JSON.stringify({ parentId: 'abc', type: 'town_federation', name: 5 }),
        400,
        'common/invalid_input',
      ],
      [
        'unknown type',
        JSON.stringify({ parentId: city.root.id, type: 'castle', name: '城堡' }),
        400,
        'common/invalid_input',
      ],
      [
        'over-long name',
        JSON.stringify({ parentId: city.root.id, type: 'county_federation', name: '长'.repeat(61) }),
        400,
        'common/invalid_input',
      ],
      [
        'unknown field',
        JSON.stringify({ parentId: city.root.id, type: 'county_federation', name: '丁区总工会', owner: 1 }),
        400,
        'common/invalid_input',
      ],
      [
        'prototype pollution',
        '{"parentId":1,"type":"county_federation","name":"x","__proto__":{"a":1}}',
        400,
        'common/malformed_json',
      ],
      ['huge body', JSON.stringify({ name: 'x'.repeat(100 * 1024) }), 413, 'common/payload_too_large'],
      ['an array', '[]', 400, 'common/invalid_input'],
      [
        'control characters',
        JSON.stringify({ parentId: city.root.id, type: 'county_federation', name: '丁区\u0007总工会' }),
        400,
        'common/invalid_input',
      ],
    ];
    for (const [label, payload, status, error] of cases) {
      const res = await send(payload);
      expect(res.statusCode, label).toBe(status);
      expect(res.json().error, label).toBe(error);
      expect(res.json().message, label).toMatch(/[\u4e00-\u9fa5]/);
    }
    const form = await send('name=x', 'application/x-www-form-urlencoded');
    expect(form.statusCode).toBe(415);
    expect(form.json().error).toBe('common/unsupported_media_type');
    const wrongType = await send(JSON.stringify({ parentId: 'abc', type: 'town_federation', name: 5 }));
    expect(wrongType.json().details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['parentId', 'name']),
    );
    const badId = await agent.get('/api/orgs/abc');
    expect(badId.statusCode).toBe(400);
    const bigId = await agent.get('/api/orgs/99999999999999999999');
    expect(bigId.statusCode).toBe(400);
    const badQuery = await agent.get(`/api/orgs/${city.root.id}/children?limit=100000`);
    expect(badQuery.statusCode).toBe(400);
    const unknownRoute = await agent.get('/api/nothing-here');
    expect(unknownRoute.statusCode).toBe(404);
    expect(unknownRoute.json().error).toBe('common/not_found');
  });

  it('sends security headers and a request id', async () => {
    const res = await w.app.inject({ url: '/api/health', headers: { 'x-request-id': 'trace-123' } });
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeTruthy();
    const fresh = await w.app.inject({ url: '/api/health' });
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
