import type { RingkitErrorInfo } from '../../store/RingkitState.js';

/**
 * What every paged list hook reports besides its items: more pages, loading, the last failure.
 * @example const { hasNextPage, fetchNextPage }: PageStatus = useInvitationList()
 */
export interface PageStatus {
  hasNextPage: boolean;
  fetchNextPage(): Promise<unknown>;
  isLoading: boolean;
  isFetchingNextPage: boolean;
  error: RingkitErrorInfo | null;
}
