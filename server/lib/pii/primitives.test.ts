import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSm3, sm4CbcEncryptMany } from './primitives';
import { sm3 } from './sm3';

const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
// Lengths around every block boundary, multi-byte characters and a long value, in one batch.
const values = [
  '',
  'a',
  '13912345678',
  '0123456789abcde',
  '0123456789abcdef',
  '0123456789abcdef0',
  '320684198806152312',
  '张三丰·阿依古丽',
  '长'.repeat(300),
];

describe('SM4-CBC over one ECB cipher', () => {
  it("matches Node's sm4-cbc with PKCS#7 for every length in one batch, and decrypts with it", () => {
    const ivs = values.map(() => crypto.randomBytes(16));
    const batch = sm4CbcEncryptMany(key, ivs, values);
    values.forEach((value, i) => {
      const iv = ivs[i] as Buffer;
      const cipher = crypto.createCipheriv('sm4-cbc', key, iv);
      const expected = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      expect((batch[i] as Buffer).toString('hex')).toBe(expected.toString('hex'));
      const decipher = crypto.createDecipheriv('sm4-cbc', key, iv);
      expect(Buffer.concat([decipher.update(batch[i] as Buffer), decipher.final()]).toString('utf8')).toBe(value);
    });
  });

  it('gives the same answer one value at a time as in a batch, and nothing for an empty batch', () => {
    const iv = crypto.randomBytes(16);
    const [alone] = sm4CbcEncryptMany(key, [iv], ['320684198806152312']);
    const [, inBatch] = sm4CbcEncryptMany(key, [crypto.randomBytes(16), iv], ['x', '320684198806152312']);
    expect(alone?.equals(inBatch as Buffer)).toBe(true);
    expect(sm4CbcEncryptMany(key, [], [])).toEqual([]);
  });
});

describe('SM3 in JavaScript', () => {
  it("gives the standard's two examples (GB/T 32905-2016, appendix A)", () => {
    expect(sm3(Buffer.from('abc')).toString('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    expect(sm3(Buffer.from('abcd'.repeat(16))).toString('hex')).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });

  it("matches Node's SM3 for every length from 0 to 300 bytes", () => {
    for (let n = 0; n <= 300; n++) {
      const data = crypto.randomBytes(n);
      expect(sm3(data).toString('hex')).toBe(crypto.createHash('sm3').update(data).digest('hex'));
    }
  });
});

describe('HMAC-SM3 with the key states kept', () => {
  it("matches Node's createHmac for every message length from 0 to 300 bytes, one key after another", () => {
    for (let n = 0; n <= 300; n++) {
      const macKey = crypto.randomBytes(1 + (n % 64));
      const message = crypto.randomBytes(n);
      const expected = crypto.createHmac('sm3', macKey).update(message).digest('hex');
      expect(hmacSm3(macKey, [message]).toString('hex')).toBe(expected);
      expect(hmacSm3(macKey, [message]).toString('hex')).toBe(expected);
    }
  });

  it("matches Node's createHmac for short, long (over a block) keys and long messages", () => {
    for (const macKey of [crypto.randomBytes(32), crypto.randomBytes(64), crypto.randomBytes(100)]) {
      for (const parts of [
        [''],
        ['abc'],
        ['v1.k1.', crypto.randomBytes(16), crypto.randomBytes(48)],
        ['长'.repeat(500)],
      ]) {
        const expected = crypto.createHmac('sm3', macKey);
        for (const p of parts) expected.update(p);
        expect(hmacSm3(macKey, parts).toString('hex')).toBe(expected.digest('hex'));
      }
    }
  });
});
