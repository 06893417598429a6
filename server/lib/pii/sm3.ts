/**
 * HMAC-SM3 with the key's two padded blocks hashed once, written after GB/T 32905-2016 (SM3).
 *
 * Why not Node's crypto here: an HMAC of a short value is four SM3 compressions, two of them always the
 * same (K⊕ipad and K⊕opad), and Node's one-shot hash costs more per call than the compressions
 * themselves. A bulk import computes four HMACs per row (two blind indexes, two token MACs); with the
 * key states kept, each is two compressions in JavaScript, about four times faster. primitives.test.ts
 * checks the output against Node's createHmac('sm3') over many keys and lengths, and SM3 itself against
 * the standard's examples. Nothing here branches or indexes on secret data.
 */

const IV = Uint32Array.of(
  0x7380166f,
  0x4914b2b9,
  0x172442d7,
  0xda8a0600,
  0xa96f30bc,
  0x163138aa,
  0xe38dee4d,
  0xb0fb0e4e,
);
const BLOCK = 64;
export const SM3_BYTES = 32;

/** T_j rotated left by j mod 32, per round. */
const T = new Int32Array(64);
for (let j = 0; j < 64; j++) {
  const t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
  const n = j % 32;
  T[j] = n === 0 ? t : (t << n) | (t >>> (32 - n));
}

const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));

const W = new Int32Array(68);

/** Compresses one 64-byte block at `offset` into `v` (eight words, updated in place). */
function compress(v: Int32Array, block: Uint8Array, offset: number) {
  for (let i = 0; i < 16; i++) {
    const at = offset + i * 4;
    W[i] =
      ((block[at] as number) << 24) |
      ((block[at + 1] as number) << 16) |
      ((block[at + 2] as number) << 8) |
      (block[at + 3] as number);
  }
  for (let j = 16; j < 68; j++) {
    const x = (W[j - 16] as number) ^ (W[j - 9] as number) ^ rotl(W[j - 3] as number, 15);
    W[j] = x ^ rotl(x, 15) ^ rotl(x, 23) ^ rotl(W[j - 13] as number, 7) ^ (W[j - 6] as number);
  }
  let a = v[0] as number;
  let b = v[1] as number;
  let c = v[2] as number;
  let d = v[3] as number;
  let e = v[4] as number;
  let f = v[5] as number;
  let g = v[6] as number;
  let h = v[7] as number;
  // Rounds 0–15 and 16–63 differ only in FF and GG; two loops spare a branch per round.
  for (let j = 0; j < 16; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + (T[j] as number)) | 0, 7);
    const wj = W[j] as number;
    const tt1 = ((a ^ b ^ c) + d + (ss1 ^ a12) + (wj ^ (W[j + 4] as number))) | 0;
    const tt2 = ((e ^ f ^ g) + h + ss1 + wj) | 0;
    d = c;
    c = rotl(b, 9);
    b = a;
    a = tt1;
    h = g;
    g = rotl(f, 19);
    f = e;
    e = tt2 ^ rotl(tt2, 9) ^ rotl(tt2, 17);
  }
  for (let j = 16; j < 64; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + (T[j] as number)) | 0, 7);
    const wj = W[j] as number;
    const tt1 = (((a & b) | (a & c) | (b & c)) + d + (ss1 ^ a12) + (wj ^ (W[j + 4] as number))) | 0;
    const tt2 = (((e & f) | (~e & g)) + h + ss1 + wj) | 0;
    d = c;
    c = rotl(b, 9);
    b = a;
    a = tt1;
    h = g;
    g = rotl(f, 19);
    f = e;
    e = tt2 ^ rotl(tt2, 9) ^ rotl(tt2, 17);
  }
  v[0] = (v[0] as number) ^ a;
  v[1] = (v[1] as number) ^ b;
  v[2] = (v[2] as number) ^ c;
  v[3] = (v[3] as number) ^ d;
  v[4] = (v[4] as number) ^ e;
  v[5] = (v[5] as number) ^ f;
  v[6] = (v[6] as number) ^ g;
  v[7] = (v[7] as number) ^ h;
}

/**
 * Hashes `message[0, length)` from state `v` (already holding `before` bytes), padding included: the
 * message buffer must have room for 72 bytes past `length` (the padding is written there).
 */
function finish(v: Int32Array, message: Buffer, length: number, before: number) {
  const total = length + before;
  const padded = Math.ceil((length + 9) / BLOCK) * BLOCK;
  message.fill(0, length, padded);
  message[length] = 0x80;
  const bits = total * 8;
  message.writeUInt32BE(Math.floor(bits / 2 ** 32), padded - 8);
  message.writeUInt32BE(bits >>> 0, padded - 4);
  for (let at = 0; at < padded; at += BLOCK) compress(v, message, at);
}

function writeState(v: Int32Array, out: Buffer, offset: number) {
  for (let i = 0; i < 8; i++) out.writeInt32BE(v[i] as number, offset + i * 4);
}

/** SM3 of `data` (for the standard's test vectors; HMAC uses the states below). */
export function sm3(data: Uint8Array): Buffer {
  const v = Int32Array.from(IV);
  const message = Buffer.alloc(data.length + BLOCK + 8);
  message.set(data);
  finish(v, message, data.length, 0);
  const out = Buffer.alloc(SM3_BYTES);
  writeState(v, out, 0);
  return out;
}

/** HMAC-SM3 (RFC 2104) under one key, with the states after K⊕ipad and K⊕opad computed once. */
export class Sm3Hmac {
  private readonly inner = new Int32Array(8);
  private readonly outer = new Int32Array(8);
  private readonly v = new Int32Array(8);
  private message = Buffer.alloc(256);
  private readonly digestBlock = Buffer.alloc(BLOCK + 8);

  /** `key` no longer than 64 bytes (an HMAC key is hashed first when longer; ours are 32). */
  constructor(key: Uint8Array) {
    if (key.length > BLOCK) throw new Error('Sm3Hmac: key longer than one block');
    const pad = Buffer.alloc(BLOCK);
    for (const [state, byte] of [
      [this.inner, 0x36],
      [this.outer, 0x5c],
    ] as const) {
      pad.fill(byte);
      for (let i = 0; i < key.length; i++) pad[i] = (key[i] as number) ^ byte;
      state.set(IV);
      compress(state, pad, 0);
    }
  }

  /** The MAC of the parts, concatenated (strings as UTF-8). */
  mac(parts: readonly (string | Uint8Array)[]): Buffer {
    let length = 0;
    for (const part of parts) length += typeof part === 'string' ? Buffer.byteLength(part, 'utf8') : part.length;
    if (this.message.length < length + BLOCK + 8) this.message = Buffer.alloc((length + BLOCK + 8) * 2);
    let at = 0;
    for (const part of parts) {
      if (typeof part === 'string') at += this.message.write(part, at, 'utf8');
      else {
        this.message.set(part, at);
        at += part.length;
      }
    }
    const v = this.v;
    v.set(this.inner);
    finish(v, this.message, at, BLOCK);
    writeState(v, this.digestBlock, 0);
    v.set(this.outer);
    finish(v, this.digestBlock, SM3_BYTES, BLOCK);
    const out = Buffer.allocUnsafe(SM3_BYTES);
    writeState(v, out, 0);
    return out;
  }
}
