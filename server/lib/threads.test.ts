import { afterAll, describe, expect, it } from 'vitest';
import { ThreadPool } from './threads';

const pool = new ThreadPool<number, number>(new URL('./threads.test-thread.ts', import.meta.url), {
  size: 2,
  idleMs: 200,
});
afterAll(() => pool.close());

describe('ThreadPool', () => {
  it('answers each job with its own result, many at once, on TypeScript threads', async () => {
    const inputs = Array.from({ length: 50 }, (_, i) => i);
    expect(await Promise.all(inputs.map((n) => pool.run(n)))).toEqual(inputs.map((n) => n * 2));
  });

  it("rejects a job whose handler throws, with the handler's message, and goes on working", async () => {
    await expect(pool.run(-1)).rejects.toThrow('negative: -1');
    expect(await pool.run(21)).toBe(42);
  });

  it('ends idle threads and starts new ones on the next job', async () => {
    expect(await pool.run(1)).toBe(2);
    expect(pool.running).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(pool.running).toBe(0);
    expect(await pool.run(2)).toBe(4);
    expect(pool.running).toBe(1);
  });
});
