import { QueryClient } from '@tanstack/react-query';

/** One query cache for the app. Families often have weak mobile networks: retry once, keep data 5 min. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: 1, staleTime: 5 * 60_000, refetchOnWindowFocus: false },
    },
  });
}
