import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rotateAllKeys } from '../server/db/encrypted-columns';
import { decryptField, keyIdOf, loadKeyRing } from '../server/lib/pii';
import { members } from '../server/modules/members/members.tables';
import { testKeyRing, useTestApp } from './app';
import { buildCity, buildMember, uniqueIdNumber } from './factories';

const w = useTestApp();

describe('rotating the personal-data key', () => {
  it('re-encrypts every member with the new key; values and blind-index lookups are unchanged', async () => {
    const city = await buildCity(w.db);
    const ids = Array.from({ length: 30 }, () => uniqueIdNumber());
    const created = [];
    for (const [i, idNumber] of ids.entries()) {
      created.push(
        await buildMember(w.db, city.unionA, {
          idNumber,
          mobile: i % 3 ? `1390000${String(i).padStart(4, '0')}` : null,
        }),
      );
    }
    const rotated = loadKeyRing(
      {
        PII_KEYS: `t1:${Buffer.alloc(32, 1).toString('base64')},t2:${Buffer.alloc(32, 7).toString('base64')}`,
        PII_INDEX_KEY: Buffer.alloc(32, 2).toString('base64'),
      },
      { production: true },
    );
    const result = await rotateAllKeys(w.db, rotated);
    expect(result.members?.remaining).toBe(0);
    expect(result.members?.rotated).toBeGreaterThanOrEqual(30);
    const rows = await w.db
      .select()
      .from(members)
      .where(
        inArray(
          members.id,
          created.map((m) => m.id),
        ),
      );
    for (const row of rows) {
      expect(keyIdOf(row.idNumberEnc)).toBe('t2');
      if (row.mobileEnc) expect(keyIdOf(row.mobileEnc)).toBe('t2');
      const before = created.find((m) => m.id === row.id);
      expect(row.idNumberIndex).toBe(before?.idNumberIndex);
      expect(decryptField(rotated, row.idNumberEnc)).toBe(ids[created.indexOf(before as (typeof created)[number])]);
    }
    // The old ring alone can no longer read them: the old key may be removed only after this run.
    const [one] = await w.db
      .select()
      .from(members)
      .where(eq(members.id, created[0]?.id ?? 0));
    expect(() => decryptField(testKeyRing, one?.idNumberEnc ?? '')).toThrow();
    expect((await rotateAllKeys(w.db, rotated)).members?.rotated).toBe(0);
  });
});
