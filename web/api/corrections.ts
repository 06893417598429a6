import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  correctionList,
  correctionListQuery,
  correctionPage,
  correctionRequestBody,
  correctionView,
} from '../../shared/schemas/members';
import { get, request } from './client';

// No antd here, and no zod values: the member portal uses this module too.

/** A request with each field's current and asked value (mobile numbers masked). */
export type CorrectionView = z.infer<typeof correctionView>;
/** 待审核, 已通过 or 未通过. */
export type CorrectionStatus = CorrectionView['status'];
/** A keyset page of requests for reviewers. */
export type CorrectionPage = z.infer<typeof correctionPage>;
/** The reviewers' list filter and paging. */
export type CorrectionListQuery = z.input<typeof correctionListQuery>;
/** What a member sends: the changed fields and an optional note. */
export type CorrectionRequestInput = z.input<typeof correctionRequestBody>;
/** A field a member may ask to correct. */
export type CorrectableField = keyof CorrectionRequestInput['changes'];

const correctionKeys = {
  own: ['portal', 'corrections'] as const,
  lists: ['corrections', 'list'] as const,
  list: (query: CorrectionListQuery) => ['corrections', 'list', query] as const,
};

/** The signed-in member's own correction requests, newest first. */
export function usePortalCorrections() {
  return useQuery({
    queryKey: correctionKeys.own,
    queryFn: () => get<z.infer<typeof correctionList>>('/api/portal/member/corrections'),
    select: (data) => data.items,
  });
}

/**
 * The member asks their union to correct their record; 409 members/correction_pending while one is open.
 * Their list refreshes either way, so a request made elsewhere (another phone) shows up too.
 */
export function useRequestCorrection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CorrectionRequestInput) =>
      request<CorrectionView>('POST', '/api/portal/member/corrections', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: correctionKeys.own }),
  });
}

/** A page of the correction requests of the reviewer's subtree, newest first. */
export function useCorrections(query: CorrectionListQuery) {
  return useQuery({
    queryKey: correctionKeys.list(query),
    queryFn: () => get<CorrectionPage>('/api/members/corrections', query),
    placeholderData: keepPreviousData,
  });
}

type Decision = { id: number; approve: true } | { id: number; approve: false; comment: string };

/**
 * Approves (applying the change) or rejects a request. The decided row is replaced in the cached pages
 * rather than refetched, so it stays in view under 待审核 with its new status; an approval changed the
 * member's record, so the member caches refresh.
 */
export function useDecideCorrection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: Decision) =>
      decision.approve
        ? request<CorrectionView>('POST', `/api/members/corrections/${decision.id}/approve`)
        : request<CorrectionView>('POST', `/api/members/corrections/${decision.id}/reject`, {
            comment: decision.comment,
          }),
    onSuccess: (decided) => {
      queryClient.setQueriesData<CorrectionPage>({ queryKey: correctionKeys.lists }, (page) =>
        page ? { ...page, items: page.items.map((item) => (item.id === decided.id ? decided : item)) } : page,
      );
      if (decided.status === 'approved') return queryClient.invalidateQueries({ queryKey: ['members'] });
    },
    // Someone else may have decided it first: show the list as it is now.
    onError: () => queryClient.invalidateQueries({ queryKey: correctionKeys.lists }),
  });
}
