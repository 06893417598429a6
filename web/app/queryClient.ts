import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';

/** Retrying does not help a 4xx answer (bad input, no permission, not found, signed out). */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/** One query client per app; lists refetch on focus only after a minute so cadres are not flooded. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 60_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
