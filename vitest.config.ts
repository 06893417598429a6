import { defineConfig } from 'vitest/config';

// Two projects: the HTTP/unit suite (run once per database engine by scripts/test.ts) and the
// browser journeys against a real server and Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'api',
          include: ['server/**/*.test.ts', 'shared/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          env: { TZ: 'Asia/Shanghai' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          env: { TZ: 'Asia/Shanghai' },
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
