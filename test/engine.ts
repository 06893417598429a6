/** Which database engine this test run uses: PGlite by default, PostgreSQL when TEST_ENGINE=postgresql. */
export const testEngine: 'pglite' | 'postgresql' = process.env.TEST_ENGINE === 'postgresql' ? 'postgresql' : 'pglite';

/** The server URL with another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
