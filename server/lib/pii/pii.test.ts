import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { type SQL, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app';
import { type Db, queryRows } from '../../db/client';
import {
  blindIndex,
  decryptField,
  encryptField,
  keyIdOf,
  loadKeyRing,
  needsRotation,
  PiiConfigError,
  PiiError,
  type RotationRow,
  rotateColumn,
  rotateRows,
  rotateTokens,
} from './index';

const w = useTestApp();

const b64 = (fill: number, length = 32) => Buffer.alloc(length, fill).toString('base64');
const K1 = b64(1);
const K2 = b64(2);
const INDEX = b64(9);
const ring1 = loadKeyRing({ PII_KEYS: `k1:${K1}`, PII_INDEX_KEY: INDEX }, { production: true });
const ring12 = loadKeyRing({ PII_KEYS: `k1:${K1},k2:${K2}`, PII_INDEX_KEY: INDEX }, { production: true });

/** The PiiError code thrown by `fn`; any other outcome (a value, another error type) fails the test. */
function piiCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof PiiError) return err.code;
    throw err;
  }
  throw new Error('expected a PiiError, got a value');
}

function configError(env: NodeJS.ProcessEnv, production = true): string {
  try {
    loadKeyRing(env, { production });
  } catch (err) {
    if (err instanceof PiiConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a PiiConfigError');
}

/** RFC 5869 written out with HMAC-SM3, to check Node's hkdfSync('sm3') against. */
function referenceHkdf(ikm: Buffer, info: string, length: number): Buffer {
  const prk = crypto.createHmac('sm3', Buffer.alloc(32)).update(ikm).digest();
  let block = Buffer.alloc(0);
  const out: Buffer[] = [];
  for (let i = 1; Buffer.concat(out).length < length; i++) {
    block = crypto
      .createHmac('sm3', prk)
      .update(Buffer.concat([block, Buffer.from(info), Buffer.from([i])]))
      .digest();
    out.push(block);
  }
  return Buffer.concat(out).subarray(0, length);
}

describe('standard vectors', () => {
  it('SM3 (GB/T 32905)', () => {
    expect(crypto.createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    expect(crypto.createHash('sm3').update('abcd'.repeat(16)).digest('hex')).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });

  it('SM4 single block (GB/T 32907), with sm4-ecb and no padding', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const cipher = crypto.createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    expect(Buffer.concat([cipher.update(key), cipher.final()]).toString('hex')).toBe(
      '681edf34d206965e86b3e94f536e4246',
    );
  });

  it('HMAC-SM3 is keyed and deterministic', () => {
    const hmac = (key: string) => crypto.createHmac('sm3', key).update('abc').digest('hex');
    expect(hmac('k')).toBe(hmac('k'));
    expect(hmac('k')).not.toBe(hmac('other'));
    expect(hmac('k')).not.toBe(crypto.createHash('sm3').update('abc').digest('hex'));
  });

  it("Node's hkdfSync with 'sm3' is RFC 5869 HKDF over HMAC-SM3", () => {
    const ikm = Buffer.from(K1, 'base64');
    for (const length of [16, 32, 48]) {
      const node = Buffer.from(crypto.hkdfSync('sm3', ikm, Buffer.alloc(0), 'label', length));
      expect(node.toString('hex')).toBe(referenceHkdf(ikm, 'label', length).toString('hex'));
    }
  });
});

describe('field encryption', () => {
  it('round-trips ASCII, Chinese and empty strings', () => {
    for (const value of ['11010519491231002X', '13912345678', '张三丰·阿依古丽', '', 'x'.repeat(1000)]) {
      const token = encryptField(ring1, value);
      expect(token).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
      expect(decryptField(ring1, token)).toBe(value);
    }
  });

  it('uses a random IV per call, while the blind index is deterministic', () => {
    const a = encryptField(ring1, '13912345678');
    const b = encryptField(ring1, '13912345678');
    expect(a).not.toBe(b);
    expect(blindIndex(ring1, 'mobile', '13912345678')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(blindIndex(ring1, 'mobile', '13912345678')).toBe(blindIndex(ring12, 'mobile', '13912345678'));
    // The first 128 bits of HMAC-SM3 (Node's own HMAC as the reference), written as a uuid.
    const reference = crypto.createHmac('sm3', ring1.indexKey).update('mobile:13912345678').digest('hex');
    expect(blindIndex(ring1, 'mobile', '13912345678').replaceAll('-', '')).toBe(reference.slice(0, 32));
    // The kind separates domains: the same digits as an ID number give another index.
    expect(blindIndex(ring1, 'id_number', '13912345678')).not.toBe(blindIndex(ring1, 'mobile', '13912345678'));
    const otherIndexKey = loadKeyRing({ PII_KEYS: `k1:${K1}`, PII_INDEX_KEY: K2 }, { production: true });
    expect(blindIndex(otherIndexKey, 'mobile', '13912345678')).not.toBe(blindIndex(ring1, 'mobile', '13912345678'));
  });

  it('rejects every one-character change to the IV, ciphertext or MAC with a PiiError', () => {
    const token = encryptField(ring1, '身份证号 110105194912310025');
    const parts = token.split('.');
    for (const index of [2, 3, 4]) {
      const part = parts[index] as string;
      for (let pos = 0; pos < part.length; pos++) {
        const flipped = part[pos] === 'A' ? 'B' : 'A';
        const changed = [...parts];
        changed[index] = part.slice(0, pos) + flipped + part.slice(pos + 1);
        expect(['tampered', 'malformed']).toContain(piiCode(() => decryptField(ring1, changed.join('.'))));
      }
    }
  });

  it('rejects a changed key id, a truncated token and non-tokens', () => {
    const token = encryptField(ring12, '13912345678');
    expect(keyIdOf(token)).toBe('k2');
    expect(piiCode(() => decryptField(ring12, token.replace('.k2.', '.k1.')))).toBe('tampered');
    expect(piiCode(() => decryptField(ring12, token.replace('.k2.', '.k9.')))).toBe('unknown_key');
    for (let length = 0; length < token.length; length += 7) {
      expect(['tampered', 'malformed']).toContain(piiCode(() => decryptField(ring12, token.slice(0, length))));
    }
    expect(piiCode(() => decryptField(ring12, token.slice(0, -1)))).toMatch(/tampered|malformed/);
    for (const bad of ['13912345678', 'v2.k2.a.b.c', `${token}.x`, 'v1.k 2.a.b.c']) {
      expect(piiCode(() => decryptField(ring12, bad))).toBe('malformed');
    }
    expect(piiCode(() => keyIdOf('plain text'))).toBe('malformed');
  });

  it('reads tokens of an older key after rotation to a new active key', () => {
    const old = encryptField(ring1, '110105194912310025');
    expect(needsRotation(ring1, old)).toBe(false);
    expect(needsRotation(ring12, old)).toBe(true);
    expect(decryptField(ring12, old)).toBe('110105194912310025');
    const [rotated = '', kept = ''] = rotateTokens(ring12, [old, encryptField(ring12, 'x')]);
    expect(keyIdOf(rotated)).toBe('k2');
    expect(decryptField(ring12, rotated)).toBe('110105194912310025');
    expect(keyIdOf(kept)).toBe('k2');
    // Once k1 is removed from the ring, its tokens say so instead of decrypting to garbage.
    const onlyK2 = loadKeyRing({ PII_KEYS: `k2:${K2}`, PII_INDEX_KEY: INDEX }, { production: true });
    expect(piiCode(() => decryptField(onlyK2, old))).toBe('unknown_key');
  });
});

describe('key ring configuration', () => {
  it('activates the last key by default, or PII_ACTIVE_KEY', () => {
    expect(ring12.activeId).toBe('k2');
    const env = { PII_KEYS: `k1:${K1}, k2:${K2}`, PII_ACTIVE_KEY: 'k1', PII_INDEX_KEY: INDEX };
    expect(loadKeyRing(env, { production: true }).activeId).toBe('k1');
  });

  it('rejects malformed configuration with a clear Chinese message', () => {
    const env = (keys: string, extra: NodeJS.ProcessEnv = {}) => ({ PII_KEYS: keys, PII_INDEX_KEY: INDEX, ...extra });
    expect(configError(env('k1'))).toMatch(/PII_KEYS 第 1 项格式错误/);
    expect(configError(env(`k1:${K1},`))).toMatch(/PII_KEYS 第 2 项格式错误/);
    expect(configError(env(`:${K1}`))).toMatch(/第 1 项格式错误/);
    expect(configError(env(`bad id:${K1}`))).toMatch(/第 1 项格式错误/);
    expect(configError(env(`${'k'.repeat(17)}:${K1}`))).toMatch(/第 1 项格式错误/);
    expect(configError(env('k1:not-base64!!'))).toMatch(/密钥 k1 格式错误.*32 字节/);
    expect(configError(env(`k1:${b64(1, 16)}`))).toMatch(/密钥 k1 格式错误/);
    expect(configError(env(`k1:${b64(1, 33)}`))).toMatch(/密钥 k1 格式错误/);
    expect(configError(env(`k1:${K1.slice(0, -1)}`))).toMatch(/密钥 k1 格式错误/);
    expect(configError(env(`k1:${K1},k1:${K2}`))).toMatch(/密钥编号 k1 重复/);
    expect(configError(env(`k1:${K1}`, { PII_ACTIVE_KEY: 'k9' }))).toMatch(/PII_ACTIVE_KEY.*k9.*不在 PII_KEYS 中/);
    expect(configError(env(`k1:${K1}`, { PII_INDEX_KEY: '' }))).toMatch(/未配置 PII_INDEX_KEY/);
    expect(configError(env(`k1:${K1}`, { PII_INDEX_KEY: b64(3, 31) }))).toMatch(/PII_INDEX_KEY 格式错误/);
  });

  it('refuses to start in production without keys', () => {
    expect(configError({})).toMatch(/生产环境必须配置 PII_KEYS/);
    expect(() => loadKeyRing({}, { production: true, devKeyFile: '/tmp/never-used.json' })).toThrow(PiiConfigError);
    expect(configError({}, false)).toMatch(/未指定开发密钥文件/);
  });

  it('never shows key material when logged', () => {
    const shown = `${JSON.stringify(ring12)} ${inspect(ring12)}`;
    expect(shown).toContain('k2');
    for (const secret of [K1, K2, INDEX, ring12.indexKey.toString('base64'), ring12.active.macKey.toString('hex')]) {
      expect(shown).not.toContain(secret);
    }
  });

  it('creates the development key file once, with mode 0600, and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-pii-'));
    try {
      const devKeyFile = path.join(dir, 'data', 'pii-keys.json');
      const first = loadKeyRing({}, { production: false, devKeyFile });
      expect(fs.statSync(devKeyFile).mode & 0o777).toBe(0o600);
      const content = fs.readFileSync(devKeyFile, 'utf8');
      const token = encryptField(first, '13912345678');
      const second = loadKeyRing({}, { production: false, devKeyFile });
      expect(fs.readFileSync(devKeyFile, 'utf8')).toBe(content);
      expect(decryptField(second, token)).toBe('13912345678');
      expect(blindIndex(second, 'mobile', '1')).toBe(blindIndex(first, 'mobile', '1'));
      expect(fs.readdirSync(path.dirname(devKeyFile))).toEqual(['pii-keys.json']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rotateColumn on the database', () => {
  const target = { table: 'pii_rotation_test', idColumn: 'id', columns: ['a', 'b'] };
  const ROWS = 2500;
  const plain = new Map<string, { a: string | null; b: string | null }>();
  const readAll = (where: SQL = sql`true`) =>
    queryRows<RotationRow & { a: string | null; b: string | null }>(
      w.db,
      sql`select id::text as "__id", a, b from pii_rotation_test where ${where} order by id`,
    );

  it('re-encrypts 2,500 rows in batches with the active key, keeping nulls', async () => {
    await w.db.execute(sql`create table pii_rotation_test (id bigint primary key, a text, b text)`);
    const values: SQL[] = [];
    for (let i = 1; i <= ROWS; i++) {
      // Sparse ids beyond 2^53 check the keyset cursor is exact; every 7th a and every 5th b is null.
      const id = 9_007_199_254_740_993n + BigInt(i * 3);
      const a = i % 7 === 0 ? null : `1101051949${String(i).padStart(8, '0')}`;
      const b = i % 5 === 0 ? null : `139${String(i).padStart(8, '0')}`;
      plain.set(id.toString(), { a, b });
      const enc = (v: string | null) => (v === null ? null : encryptField(ring1, v));
      values.push(sql`(${id.toString()}, ${enc(a)}, ${enc(b)})`);
    }
    for (let i = 0; i < values.length; i += 500) {
      await w.db.execute(
        sql`insert into pii_rotation_test (id, a, b) values ${sql.join(values.slice(i, i + 500), sql`, `)}`,
      );
    }

    const progress: string[] = [];
    const result = await rotateColumn(w.db, target, ring12, {
      batchSize: 1000,
      onProgress: (p) => {
        progress.push(`${p.scanned}/${p.lastId}`);
      },
    });
    const bothNull = [...plain.values()].filter((v) => v.a === null && v.b === null).length;
    expect(bothNull).toBeGreaterThan(0);
    expect(result).toEqual({ scanned: ROWS, rotated: ROWS - bothNull, skipped: 0, remaining: 0 });
    expect(progress).toEqual([`1000/${9_007_199_254_743_993n}`, `2000/${9_007_199_254_746_993n}`, expect.any(String)]);

    const rows = await readAll();
    expect(rows).toHaveLength(ROWS);
    for (const row of rows) {
      const expected = plain.get(row.__id);
      for (const column of ['a', 'b'] as const) {
        const token = row[column];
        if (expected?.[column] === null) expect(token).toBeNull();
        else {
          expect(keyIdOf(token as string)).toBe('k2');
          expect(decryptField(ring12, token as string)).toBe(expected?.[column]);
        }
      }
    }
    expect(await rotateColumn(w.db, target, ring12)).toEqual({ scanned: ROWS, rotated: 0, skipped: 0, remaining: 0 });
  });

  it('skips and counts a row changed between read and write, keeping the new value', async () => {
    const [row] = await readAll(sql`id = (select min(id) from pii_rotation_test where a is not null)`);
    if (!row) throw new Error('no row');
    await w.db.execute(sql`update pii_rotation_test set a = ${encryptField(ring1, '旧值')} where id = ${row.__id}`);
    const stale = await readAll(sql`id = ${row.__id}`);
    // The application writes between the rotation's read and its write.
    const appToken = encryptField(ring1, '应用写入的新值');
    await w.db.execute(sql`update pii_rotation_test set a = ${appToken} where id = ${row.__id}`);
    const result = await rotateRows(w.db, target, ring12, stale);
    expect(result).toEqual({ rotated: 0, skipped: 1, skippedIds: [row.__id] });
    expect((await readAll(sql`id = ${row.__id}`))[0]?.a).toBe(appToken);
    // Running the rotation again picks the row up, with the application's value.
    expect(await rotateColumn(w.db, target, ring12)).toMatchObject({ rotated: 1, skipped: 0 });
    const [now] = await readAll(sql`id = ${row.__id}`);
    expect(decryptField(ring12, now?.a as string)).toBe('应用写入的新值');
    expect(keyIdOf(now?.a as string)).toBe('k2');
  });

  it('re-runs a batch whose rows the application changed meanwhile, without overwriting them', async () => {
    const rows = await readAll(sql`a is not null`);
    const [first, second] = [rows[10], rows[1500]];
    if (!first || !second) throw new Error('no rows');
    for (const row of [first, second]) {
      await w.db.execute(sql`update pii_rotation_test set a = ${encryptField(ring1, '待轮换')} where id = ${row.__id}`);
    }
    // A db whose first read is followed at once by an application write to one of the rows it returned.
    let raced = false;
    const racing = new Proxy(w.db, {
      get(target, prop) {
        if (prop === 'execute') {
          return async (query: SQL) => {
            const res = await target.execute(query);
            if (!raced) {
              raced = true;
              const token = encryptField(ring1, '并发修改');
              await target.execute(sql`update pii_rotation_test set a = ${token} where id = ${first.__id}`);
            }
            return res;
          };
        }
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Db;
    const result = await rotateColumn(racing, target, ring12, { batchSize: 1000 });
    expect(raced).toBe(true);
    expect(result).toEqual({ scanned: ROWS, rotated: 2, skipped: 1, remaining: 0 });
    const after = await readAll(sql`id in (${first.__id}, ${second.__id})`);
    expect(after.map((r) => [keyIdOf(r.a as string), decryptField(ring12, r.a as string)])).toEqual([
      ['k2', '并发修改'],
      ['k2', '待轮换'],
    ]);
  });

  it('stops on an undecryptable value and names the row', async () => {
    const [row] = await readAll(sql`b is not null`);
    if (!row) throw new Error('no row');
    await w.db.execute(sql`update pii_rotation_test set b = ${'13912345678'} where id = ${row.__id}`);
    await expect(rotateColumn(w.db, target, ring12)).rejects.toThrow(
      new RegExp(`加密数据格式无效.*pii_rotation_test.*id=${row.__id}.*b 列`),
    );
  });
});
