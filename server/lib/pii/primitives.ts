/**
 * SM4-CBC encryption and HMAC-SM3, built on Node's own SM4 and SM3 so that a bulk import does not pay
 * for a new cipher or HMAC object per value (the object set-up costs more than the few blocks it
 * processes: an import of a million rows makes four million of them).
 *
 * - CBC is chained here over one long-lived SM4-ECB cipher per key. ECB with padding off keeps no state
 *   between whole blocks, so one `update` encrypts block r of every value of a batch at once. The output
 *   is exactly SM4-CBC with PKCS#7 padding: decryption stays with Node's `sm4-cbc` decipher, and the
 *   tests check both ways against it.
 * - HMAC (RFC 2104) is the two one-shot SM3 hashes H(K⊕opad ‖ H(K⊕ipad ‖ m)) over preallocated buffers.
 */
import crypto from 'node:crypto';

const BLOCK = 16;
const SM3_BLOCK = 64;
const SM3_BYTES = 32;

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

interface HmacKey {
  /** K⊕ipad followed by room for the message. */
  inner: Buffer;
  /** K⊕opad followed by the inner digest. */
  outer: Buffer;
}

const hmacKeys = new WeakMap<Buffer, HmacKey>();

function hmacKeyFor(key: Buffer): HmacKey {
  let prepared = hmacKeys.get(key);
  if (!prepared) {
    const k = key.length > SM3_BLOCK ? crypto.hash('sm3', key, 'buffer') : key;
    const pad = (byte: number) => {
      const out = Buffer.alloc(SM3_BLOCK);
      k.copy(out);
      for (let i = 0; i < SM3_BLOCK; i++) out[i] = (out[i] as number) ^ byte;
      return out;
    };
    prepared = {
      inner: Buffer.concat([pad(0x36), Buffer.alloc(256)]),
      outer: Buffer.concat([pad(0x5c), Buffer.alloc(SM3_BYTES)]),
    };
    hmacKeys.set(key, prepared);
  }
  return prepared;
}

/** HMAC-SM3 of the parts, concatenated (strings as UTF-8). */
export function hmacSm3(key: Buffer, parts: readonly (string | Buffer)[]): Buffer {
  const prepared = hmacKeyFor(key);
  const length = parts.reduce((n, p) => n + (typeof p === 'string' ? Buffer.byteLength(p, 'utf8') : p.length), 0);
  if (prepared.inner.length < SM3_BLOCK + length) {
    prepared.inner = Buffer.concat([prepared.inner.subarray(0, SM3_BLOCK), Buffer.alloc(length * 2)]);
  }
  let at = SM3_BLOCK;
  for (const part of parts) {
    at += typeof part === 'string' ? prepared.inner.write(part, at, 'utf8') : part.copy(prepared.inner, at);
  }
  const innerDigest = crypto.hash('sm3', prepared.inner.subarray(0, at), 'buffer');
  innerDigest.copy(prepared.outer, SM3_BLOCK);
  return crypto.hash('sm3', prepared.outer, 'buffer');
}
