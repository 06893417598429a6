/**
 * Encryption of members' personal data at rest (PIPL): resident ID numbers and mobile numbers.
 *
 * What is stored, per value: a text token `v1.<keyId>.<iv>.<ciphertext>.<mac>` (SM4-CBC with a random IV,
 * then HMAC-SM3 over version, key id, IV and ciphertext), plus, for exact lookups, a blind index: the
 * HMAC-SM3 of `kind:normalisedValue` under a separate index key, truncated to 128 bits and stored as uuid. Display masks (e.g. 139****5678) are
 * derived after decryption, never stored beside the token.
 *
 * Why encrypt-then-MAC: Node has no SM4-GCM, and bare CBC is malleable and, with observable padding errors,
 * a decryption oracle. Verifying the MAC (constant-time) before decrypting rejects every modified token, so
 * decryptField either returns the original plaintext or throws PiiError. The cipher and MAC keys are derived
 * from each master key by HKDF-SM3 with distinct labels, so no key serves two purposes.
 *
 * Why a separate, stable index key: a blind index must be the same for the same value forever, or lookups
 * and unique constraints break; rotating it would mean recomputing every index at once. The master keys
 * therefore rotate (rotate.ts, without downtime) while PII_INDEX_KEY stays fixed; changing it is a planned
 * maintenance job that recomputes all indexes from decrypted values.
 *
 * Threat model (5 lines):
 * - a stolen dump or backup reveals no ID or mobile number without the keys, which live only in the env;
 * - any edited token (bytes, key id, truncation) fails; a whole token copied onto another row is not caught;
 * - the blind index is keyed, so it cannot be reversed offline by hashing every 11-digit mobile number;
 * - equal values share an index (needed for lookups) and a token shows the plaintext length in 16-byte steps;
 * - out of scope: an attacker inside the running app or holding its environment decrypts like the app.
 */

export type { PiiErrorCode } from './cipher';
export {
  type BlindIndexKind,
  blindIndex,
  blindIndexBytes,
  blindIndexUuid,
  decryptField,
  encryptField,
  encryptFields,
  keyIdOf,
  needsRotation,
  PiiError,
} from './cipher';
export { keyRingFromConfig } from './config';
export { KeyRing, loadKeyRing, PiiConfigError, type PiiKey } from './keys';
export {
  type RotationProgress,
  type RotationResult,
  type RotationRow,
  type RotationTarget,
  rotateColumn,
  rotateRows,
  rotateTokens,
} from './rotate';
