// The thread threads.test.ts runs: doubles a number, and fails on a negative one.
import { serveThread } from './threads';

serveThread((n: number) => {
  if (n < 0) throw new Error(`negative: ${n}`);
  return n * 2;
});
