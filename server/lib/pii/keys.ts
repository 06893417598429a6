import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';

/** Raised when the PII key configuration is missing or malformed; the message is for the operator. */
export class PiiConfigError extends Error {
  override name = 'PiiConfigError';
}

/** The working keys derived from one master key. */
export interface PiiKey {
  readonly id: string;
  /** 16-byte SM4 key. */
  readonly encKey: Buffer;
  /** 32-byte HMAC-SM3 key. */
  readonly macKey: Buffer;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,16}$/;
const MASTER_BYTES = 32;
// Distinct labels: the cipher key and the MAC key must never be the same bytes, and a master key
// accidentally reused as the index key still yields unrelated working keys.
const INFO_ENC = 'gonghui/pii/v1/sm4-cbc';
const INFO_MAC = 'gonghui/pii/v1/hmac-sm3';
const INFO_INDEX = 'gonghui/pii/v1/blind-index';
const KEY_HINT = '应为 32 字节随机密钥的标准 base64 编码（44 个字符，可用 openssl rand -base64 32 生成）';

/** HKDF-SM3 (RFC 5869); Node's hkdfSync accepts the 'sm3' digest, checked in pii.test.ts against HMAC-SM3. */
function hkdf(master: Buffer, info: string, length: number): Buffer {
  return Buffer.from(crypto.hkdfSync('sm3', master, Buffer.alloc(0), info, length));
}

/**
 * The keys for personal data: every master key still needed to read old tokens, the one used for new
 * encryptions, and the blind-index key. Logging it shows the key ids only.
 */
export class KeyRing {
  readonly activeId: string;
  readonly ids: readonly string[];
  private readonly byId: ReadonlyMap<string, PiiKey>;
  /** 32-byte HMAC-SM3 key for blind indexes (derived from PII_INDEX_KEY). */
  readonly indexKey: Buffer;

  constructor(masters: ReadonlyMap<string, Buffer>, activeId: string, indexMaster: Buffer) {
    const byId = new Map<string, PiiKey>();
    for (const [id, master] of masters) {
      byId.set(id, { id, encKey: hkdf(master, INFO_ENC, 16), macKey: hkdf(master, INFO_MAC, 32) });
    }
    if (!byId.has(activeId)) throw new PiiConfigError(`当前密钥 ${activeId} 不在 PII_KEYS 中`);
    this.byId = byId;
    this.ids = [...byId.keys()];
    this.activeId = activeId;
    this.indexKey = hkdf(indexMaster, INFO_INDEX, 32);
  }

  /** The key with this id, or undefined when the ring does not hold it. */
  get(id: string): PiiKey | undefined {
    return this.byId.get(id);
  }

  /** The key used for new encryptions. */
  get active(): PiiKey {
    return this.byId.get(this.activeId) as PiiKey;
  }

  toJSON() {
    return { activeId: this.activeId, ids: this.ids };
  }

  [inspect.custom]() {
    return `KeyRing { activeId: '${this.activeId}', ids: [${this.ids.join(', ')}] }`;
  }
}

function decodeKey(value: string, what: string): Buffer {
  const bytes = Buffer.from(value, 'base64');
  // Buffer.from ignores stray characters, so insist on the canonical encoding of exactly 32 bytes.
  if (bytes.length !== MASTER_BYTES || bytes.toString('base64') !== value) {
    throw new PiiConfigError(`${what} 格式错误：${KEY_HINT}`);
  }
  return bytes;
}

/** Parses `id:base64,id:base64` into master keys, in the order given. */
function parseKeys(value: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  value.split(',').forEach((raw, i) => {
    const entry = raw.trim();
    const sep = entry.indexOf(':');
    const id = sep < 0 ? '' : entry.slice(0, sep);
    if (!ID_PATTERN.test(id)) {
      throw new PiiConfigError(
        `PII_KEYS 第 ${i + 1} 项格式错误：应为“密钥编号:base64密钥”，编号由 1–16 个字母、数字、_ 或 - 组成`,
      );
    }
    if (keys.has(id)) throw new PiiConfigError(`PII_KEYS 中密钥编号 ${id} 重复`);
    keys.set(id, decodeKey(entry.slice(sep + 1), `PII_KEYS 中密钥 ${id}`));
  });
  return keys;
}

interface DevKeyFile {
  keys: { id: string; key: string }[];
  active: string;
  indexKey: string;
}

const randomKey = () => crypto.randomBytes(MASTER_BYTES).toString('base64');

/**
 * Reads the development key file, creating it first when absent. It is written beside and then
 * hard-linked into place, so two processes starting together agree on one file and never read half of it.
 */
function devKeys(file: string): { PII_KEYS: string; PII_ACTIVE_KEY: string; PII_INDEX_KEY: string } {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const content: DevKeyFile = { keys: [{ id: 'dev1', key: randomKey() }], active: 'dev1', indexKey: randomKey() };
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.unlinkSync(tmp);
    }
  }
  let parsed: DevKeyFile;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as DevKeyFile;
  } catch {
    throw new PiiConfigError(`开发密钥文件 ${file} 无法读取或不是有效的 JSON`);
  }
  if (!Array.isArray(parsed.keys) || typeof parsed.active !== 'string' || typeof parsed.indexKey !== 'string') {
    throw new PiiConfigError(`开发密钥文件 ${file} 内容不完整`);
  }
  return {
    PII_KEYS: parsed.keys.map((k) => `${k.id}:${k.key}`).join(','),
    PII_ACTIVE_KEY: parsed.active,
    PII_INDEX_KEY: parsed.indexKey,
  };
}

/**
 * Builds the key ring from PII_KEYS, PII_ACTIVE_KEY (default: the last entry) and PII_INDEX_KEY.
 * Outside production, with PII_KEYS unset, a random key file at `devKeyFile` is created once and reused.
 * PII_INDEX_KEY never rotates: every stored blind index depends on it, so changing it means recomputing
 * all of them at once (a planned maintenance job), unlike master keys, which rotate one row at a time.
 */
export function loadKeyRing(
  env: NodeJS.ProcessEnv = process.env,
  opts: { devKeyFile?: string; production: boolean } = { production: env.NODE_ENV === 'production' },
): KeyRing {
  let source: NodeJS.ProcessEnv = env;
  if (!env.PII_KEYS) {
    if (opts.production) {
      throw new PiiConfigError('生产环境必须配置 PII_KEYS 和 PII_INDEX_KEY（个人信息加密密钥），服务无法启动');
    }
    if (!opts.devKeyFile) throw new PiiConfigError('未配置 PII_KEYS，也未指定开发密钥文件');
    source = devKeys(opts.devKeyFile);
  }
  const masters = parseKeys(source.PII_KEYS as string);
  if (!source.PII_INDEX_KEY) throw new PiiConfigError('未配置 PII_INDEX_KEY（盲索引密钥）');
  const indexMaster = decodeKey(source.PII_INDEX_KEY, 'PII_INDEX_KEY');
  const activeId = source.PII_ACTIVE_KEY || [...masters.keys()].at(-1);
  if (!activeId || !masters.has(activeId)) {
    throw new PiiConfigError(`PII_ACTIVE_KEY 指定的密钥 ${activeId ?? ''} 不在 PII_KEYS 中`);
  }
  return new KeyRing(masters, activeId, indexMaster);
}
