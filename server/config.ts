import path from 'node:path';

/** Runtime configuration, read once from the environment (see the table in README.md). */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  production: boolean;
  logLevel: string;
  trustProxy: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  loginLimitPerAccount: number;
  loginLimitPerIp: number;
  loginLimitWindowSeconds: number;
  lockoutFailures: number;
  lockoutMinutes: number;
  bodyLimitBytes: number;
  /** Roster uploads: the largest file and the most data rows one upload may have. */
  importMaxFileBytes: number;
  importMaxRows: number;
  webDist: string;
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`环境变量 ${name} 应为非负整数，当前为 "${value}"`);
  return n;
}

/** Builds the configuration from an environment (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: int(env.PORT, 3000, 'PORT'),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || null,
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL || 'info',
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    sessionIdleMinutes: int(env.SESSION_IDLE_MINUTES, 30, 'SESSION_IDLE_MINUTES'),
    sessionMaxHours: int(env.SESSION_MAX_HOURS, 12, 'SESSION_MAX_HOURS'),
    loginLimitPerAccount: int(env.LOGIN_LIMIT_PER_ACCOUNT, 10, 'LOGIN_LIMIT_PER_ACCOUNT'),
    loginLimitPerIp: int(env.LOGIN_LIMIT_PER_IP, 50, 'LOGIN_LIMIT_PER_IP'),
    loginLimitWindowSeconds: int(env.LOGIN_LIMIT_WINDOW_SECONDS, 300, 'LOGIN_LIMIT_WINDOW_SECONDS'),
    lockoutFailures: 5,
    lockoutMinutes: 15,
    bodyLimitBytes: int(env.BODY_LIMIT_BYTES, 1024 * 1024, 'BODY_LIMIT_BYTES'),
    importMaxFileBytes: int(env.IMPORT_MAX_FILE_BYTES, 60 * 1024 * 1024, 'IMPORT_MAX_FILE_BYTES'),
    importMaxRows: int(env.IMPORT_MAX_ROWS, 200_000, 'IMPORT_MAX_ROWS'),
    webDist: path.resolve(env.WEB_DIST || './dist/web'),
  };
}
