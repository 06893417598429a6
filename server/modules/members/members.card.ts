import { createHmac, timingSafeEqual } from 'node:crypto';
import type { KeyRing } from '../../lib/pii';

/** How long a card's QR code stays valid: the portal makes a fresh one each time it is shown. */
export const cardTokenTtlSeconds = 24 * 3600;

interface CardClaims {
  m: number;
  c: string;
  iat: number;
}

// A key of its own, derived from the stable index key: card signatures never share a key with data.
const cardKey = (ring: KeyRing) => createHmac('sm3', ring.indexKey).update('gonghui/member-card/v1').digest();

const sign = (ring: KeyRing, payload: string) => createHmac('sm3', cardKey(ring)).update(payload).digest('base64url');

/** A signed token for a member's card QR code: member id, card number and issue time. */
export function signCardToken(ring: KeyRing, memberId: number, cardNo: string, now: Date): string {
  const payload = Buffer.from(
    JSON.stringify({ m: memberId, c: cardNo, iat: Math.floor(now.getTime() / 1000) }),
  ).toString('base64url');
  return `${payload}.${sign(ring, payload)}`;
}

export type CardTokenCheck =
  | { ok: true; claims: CardClaims }
  | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

/** Checks a card token's signature and age. */
export function checkCardToken(ring: KeyRing, token: string, now: Date): CardTokenCheck {
  const [payload, mac, extra] = token.split('.');
  if (!payload || !mac || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(sign(ring, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'signature' };
  let claims: CardClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as CardClaims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims.m !== 'number' || typeof claims.c !== 'string' || typeof claims.iat !== 'number') {
    return { ok: false, reason: 'malformed' };
  }
  const age = now.getTime() / 1000 - claims.iat;
  if (age > cardTokenTtlSeconds || age < -300) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

/** A name with its middle hidden, for a service point: 张建国 → 张*国, 李娜 → 李*. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}
