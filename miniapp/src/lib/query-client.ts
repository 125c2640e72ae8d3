import { QueryClient } from '@tanstack/react-query';

/**
 * One query cache for the app; data stays fresh for 5 minutes (families browse on weak mobile
 * networks). No React Query retries: postgrest-js already retries idempotent reads on network
 * errors and 503 (3 times, 1 s / 2 s / 4 s); retrying on top made a failure take ~16 s to show.
 * Pages offer 重试 instead.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: 0, staleTime: 5 * 60_000, refetchOnWindowFocus: false },
    },
  });
}
