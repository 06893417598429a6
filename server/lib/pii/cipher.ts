import crypto from 'node:crypto';
import type { KeyRing, PiiKey } from './keys';
import { hmacSm3, sm4CbcEncryptMany } from './primitives';

/** Why a token could not be decrypted. */
export type PiiErrorCode = 'tampered' | 'unknown_key' | 'malformed';

const MESSAGES: Record<PiiErrorCode, string> = {
  tampered: '加密数据校验失败，可能已被篡改或损坏',
  unknown_key: '加密数据所用的密钥不在当前密钥环中',
  malformed: '加密数据格式无效',
};

/** A token that cannot be decrypted; the message never contains the token or any plaintext. */
export class PiiError extends Error {
  override name = 'PiiError';
  constructor(
    readonly code: PiiErrorCode,
    detail?: string,
  ) {
    super(detail ? `${MESSAGES[code]}（${detail}）` : MESSAGES[code]);
  }
}

/** The kinds of value with a blind index; the kind is part of the HMAC input, so domains never collide. */
export type BlindIndexKind = 'id_number' | 'mobile';

const VERSION = 'v1';
const CIPHER = 'sm4-cbc';
const IV_BYTES = 16;
const BLOCK_BYTES = 16;
const MAC_BYTES = 32;
const B64URL = /^[A-Za-z0-9_-]+$/;

// version and key id never contain '.', and the IV has a fixed length, so this input is unambiguous.
function mac(key: PiiKey, iv: Buffer, ciphertext: Buffer): Buffer {
  return hmacSm3(key.macKey, [`${VERSION}.${key.id}.`, iv, ciphertext]);
}

/** Strict base64url: Buffer.from ignores stray characters and trailing bits, so re-encode and compare. */
function decodePart(part: string, expectedBytes?: number): Buffer {
  const bytes = Buffer.from(part, 'base64url');
  if (!B64URL.test(part) || bytes.toString('base64url') !== part) throw new PiiError('malformed');
  if (expectedBytes !== undefined && bytes.length !== expectedBytes) throw new PiiError('malformed');
  return bytes;
}

function parse(token: string) {
  if (typeof token !== 'string') throw new PiiError('malformed');
  const parts = token.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) throw new PiiError('malformed');
  const [, keyId = '', ivPart = '', ctPart = '', macPart = ''] = parts;
  if (!/^[A-Za-z0-9_-]{1,16}$/.test(keyId)) throw new PiiError('malformed');
  return { keyId, ivPart, ctPart, macPart };
}

// IVs come from a pool refilled 256 at a time: one CSPRNG call per field costs more than the SM4 itself
// when an import encrypts a million numbers. Each IV is still 16 fresh random bytes, used once.
let ivPool = Buffer.alloc(0);
let ivAt = 0;
function nextIv(): Buffer {
  if (ivAt + IV_BYTES > ivPool.length) {
    ivPool = crypto.randomBytes(IV_BYTES * 256);
    ivAt = 0;
  }
  const iv = ivPool.subarray(ivAt, ivAt + IV_BYTES);
  ivAt += IV_BYTES;
  return iv;
}

/** Encrypts a value with the active key: `v1.<keyId>.<iv>.<ciphertext>.<mac>`, all base64url. */
export function encryptField(ring: KeyRing, plaintext: string): string {
  return encryptFields(ring, [plaintext])[0] as string;
}

/** encryptField of many values at once (each with its own IV): what a bulk import calls per batch. */
export function encryptFields(ring: KeyRing, plaintexts: readonly string[]): string[] {
  const key = ring.active;
  const ivs = plaintexts.map(() => nextIv());
  const ciphertexts = sm4CbcEncryptMany(key.encKey, ivs, plaintexts);
  return ciphertexts.map((ciphertext, i) => {
    const iv = ivs[i] as Buffer;
    const tag = mac(key, iv, ciphertext);
    return `${VERSION}.${key.id}.${iv.toString('base64url')}.${ciphertext.toString('base64url')}.${tag.toString('base64url')}`;
  });
}

/** Verifies and decrypts a token made by encryptField with any key in the ring; throws PiiError otherwise. */
export function decryptField(ring: KeyRing, token: string): string {
  const { keyId, ivPart, ctPart, macPart } = parse(token);
  const iv = decodePart(ivPart, IV_BYTES);
  const ciphertext = decodePart(ctPart);
  const tag = decodePart(macPart, MAC_BYTES);
  if (ciphertext.length === 0 || ciphertext.length % BLOCK_BYTES !== 0) throw new PiiError('malformed');
  const key = ring.get(keyId);
  if (!key) throw new PiiError('unknown_key', `密钥编号 ${keyId}`);
  // The MAC is checked before any decryption: CBC padding errors must never be observable (padding oracle).
  if (!crypto.timingSafeEqual(tag, mac(key, iv, ciphertext))) throw new PiiError('tampered');
  try {
    const decipher = crypto.createDecipheriv(CIPHER, key.encKey, iv);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    // Unreachable with an authentic token; kept typed so callers only ever see PiiError.
    throw new PiiError('tampered');
  }
}

/** The id of the key a token was encrypted with (throws PiiError 'malformed' for a non-token). */
export function keyIdOf(token: string): string {
  return parse(token).keyId;
}

/** True when the token was not encrypted with the ring's active key. */
export function needsRotation(ring: KeyRing, token: string): boolean {
  return keyIdOf(token) !== ring.activeId;
}

/** Bytes of HMAC-SM3 kept in a blind index: half of the 32, the least RFC 2104 §5 allows truncating to. */
const INDEX_BYTES = 16;

/**
 * HMAC-SM3 of `kind:value` with the index key, for exact lookups (normalise the value first), truncated
 * to 128 bits and written as a uuid: the columns are `uuid`, 16 bytes compared as bytes, so each index
 * entry is a third of the 64-character hex text it replaced. That is what a bulk import pays for: the
 * two blind-index btrees of a city roster are the pages a 100,000-row commit touches at random, and
 * PostgreSQL logs each such page whole once per checkpoint. 128 bits leave no collision to fear among
 * a city's people (about 10⁻²⁶ for 2.4 million).
 */
export function blindIndex(ring: KeyRing, kind: BlindIndexKind, normalisedValue: string): string {
  return blindIndexUuid(blindIndexBytes(ring, kind, normalisedValue));
}

/** The 16 bytes of a blind index (for a compact in-memory key: their latin1 string is 16 characters). */
export function blindIndexBytes(ring: KeyRing, kind: BlindIndexKind, normalisedValue: string): Buffer {
  return hmacSm3(ring.indexKey, [`${kind}:${normalisedValue}`]).subarray(0, INDEX_BYTES);
}

const HEX_CODES = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));
/** The uuid's characters being written (36 codes, the dashes fixed). */
const uuidCodes = new Array<number>(36).fill(0x2d);
/** Where each of the 16 bytes' two hex digits go in the uuid text. */
const UUID_BYTE_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

/**
 * The uuid text of blind-index bytes, written as one flat string from character codes: a template of
 * slices would be a rope of nine pieces holding the hex it came from (several hundred bytes a key where
 * a preview keeps a million of them), and a regular expression over the hex cost more than the HMAC.
 */
export function blindIndexUuid(bytes: Buffer): string {
  for (let i = 0; i < 16; i++) {
    const byte = bytes[i] as number;
    const at = UUID_BYTE_AT[i] as number;
    uuidCodes[at] = HEX_CODES[byte >> 4] as number;
    uuidCodes[at + 1] = HEX_CODES[byte & 15] as number;
  }
  return String.fromCharCode.apply(null, uuidCodes);
}
