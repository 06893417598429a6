import type { ErrorId } from '../../shared/errors';
import { AppError } from '../plugins/errors';

/** The constraint name when `err` (or its cause, as drizzle wraps driver errors) is a unique violation. */
export function uniqueViolation(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint } = e as { code?: string; constraint?: string };
    if (code === '23505') return constraint ?? '';
  }
  return null;
}

/**
 * Runs `work`, turning a unique violation of a known constraint into its catalog error: the database
 * is the judge of uniqueness (no check-then-insert race), the user still reads a Chinese message.
 */
export async function withUniqueErrors<T>(errors: Record<string, ErrorId>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const constraint = uniqueViolation(err);
    const id = constraint ? errors[constraint] : undefined;
    throw id ? new AppError(id) : err;
  }
}
