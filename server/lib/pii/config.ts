import path from 'node:path';
import type { Config } from '../../config';
import { type KeyRing, loadKeyRing } from './keys';

/** The key ring of a deployment: PII_* variables, or outside production a key file under DATA_DIR. */
export function keyRingFromConfig(config: Pick<Config, 'production' | 'dataDir'>, env = process.env): KeyRing {
  return loadKeyRing(env, { production: config.production, devKeyFile: path.join(config.dataDir, 'pii-keys.json') });
}
