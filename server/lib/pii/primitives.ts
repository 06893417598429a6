/**
 * SM4-CBC encryption and HMAC-SM3, built on Node's own SM4 and SM3 so that a bulk import does not pay
 * for a new cipher or HMAC object per value (the object set-up costs more than the few blocks it
 * processes: an import of a million rows makes four million of them).
 *
 * - CBC is chained here over one long-lived SM4-ECB cipher per key. ECB with padding off keeps no state
 *   between whole blocks, so one `update` encrypts block r of every value of a batch at once. The output
 *   is exactly SM4-CBC with PKCS#7 padding: decryption stays with Node's `sm4-cbc` decipher, and the
 *   tests check both ways against it.
 * - HMAC (RFC 2104) keeps the SM3 states after K⊕ipad and K⊕opad per key (sm3.ts).
 */
import crypto from 'node:crypto';
import { Sm3Hmac } from './sm3';

const BLOCK = 16;
const SM3_BLOCK = 64;

const ecbCiphers = new WeakMap<Buffer, crypto.Cipher>();

function ecbFor(key: Buffer): crypto.Cipher {
  let ecb = ecbCiphers.get(key);
  if (!ecb) {
    ecb = crypto.createCipheriv('sm4-ecb', key, null);
    ecb.setAutoPadding(false);
    ecbCiphers.set(key, ecb);
  }
  return ecb;
}

/** PKCS#7-padded copies of the plaintexts, each a whole number of blocks. */
function padded(plaintexts: readonly string[]): Buffer[] {
  return plaintexts.map((text) => {
    const bytes = Buffer.from(text, 'utf8');
    const length = (Math.floor(bytes.length / BLOCK) + 1) * BLOCK;
    const out = Buffer.alloc(length, length - bytes.length);
    bytes.copy(out);
    return out;
  });
}

/**
 * SM4-CBC with PKCS#7 padding of each plaintext under its own 16-byte IV (`ivs[i]`), all under one key.
 * Round r XORs block r of every value still that long with its previous ciphertext block (or IV) and
 * encrypts those blocks in one ECB call.
 */
export function sm4CbcEncryptMany(key: Buffer, ivs: readonly Buffer[], plaintexts: readonly string[]): Buffer[] {
  const ecb = ecbFor(key);
  const blocks = padded(plaintexts);
  const rounds = Math.max(0, ...blocks.map((b) => b.length / BLOCK));
  for (let r = 0; r < rounds; r++) {
    const at = r * BLOCK;
    const live = blocks.flatMap((b, i) => (b.length > at ? [i] : []));
    const input = Buffer.allocUnsafe(live.length * BLOCK);
    live.forEach((i, n) => {
      const block = blocks[i] as Buffer;
      const previous = r === 0 ? (ivs[i] as Buffer) : block.subarray(at - BLOCK, at);
      for (let k = 0; k < BLOCK; k++) input[n * BLOCK + k] = (block[at + k] as number) ^ (previous[k] as number);
    });
    const output = ecb.update(input);
    live.forEach((i, n) => {
      output.copy(blocks[i] as Buffer, at, n * BLOCK, (n + 1) * BLOCK);
    });
  }
  return blocks;
}

const hmacs = new WeakMap<Uint8Array, Sm3Hmac>();

/** HMAC-SM3 of the parts, concatenated (strings as UTF-8); see sm3.ts for why it is not Node's. */
export function hmacSm3(key: Buffer, parts: readonly (string | Buffer)[]): Buffer {
  let hmac = hmacs.get(key);
  if (!hmac) {
    // RFC 2104: a key longer than the block is replaced by its hash.
    hmac = new Sm3Hmac(key.length > SM3_BLOCK ? crypto.hash('sm3', key, 'buffer') : key);
    hmacs.set(key, hmac);
  }
  return hmac.mac(parts);
}
