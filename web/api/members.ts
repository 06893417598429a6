import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  createMemberBody,
  memberHistoryList,
  memberHistoryView,
  memberListQuery,
  memberPage,
  memberSorts,
  memberStatsResponse,
  memberStatusBody,
  memberView,
  revealBody,
  revealResponse,
  updateMemberBody,
} from '../../shared/schemas/members';
import { ApiError, get, request, withQuery } from './client';
import { useInvalidatingMutation } from './mutations';

export type MemberView = z.infer<typeof memberView>;
export type MemberPage = z.infer<typeof memberPage>;
export type MemberListQuery = z.input<typeof memberListQuery>;
export type MemberSort = (typeof memberSorts)[number];
export type CreateMemberInput = z.input<typeof createMemberBody>;
export type UpdateMemberInput = z.input<typeof updateMemberBody>;
export type MemberStatusInput = z.input<typeof memberStatusBody>;
export type RevealField = z.input<typeof revealBody>['field'];
export type RevealResult = z.infer<typeof revealResponse>;
export type MemberHistoryEntry = z.infer<typeof memberHistoryView>;
export type MemberStats = z.infer<typeof memberStatsResponse>;
/** One figure of the statistics with the roster query that lists the members behind it. */
export type StatsBucket = MemberStats['byCategory'][number];

const memberKeys = {
  all: ['members'] as const,
  list: (query: MemberListQuery) => ['members', 'list', query] as const,
  detail: (id: number) => ['members', 'detail', id] as const,
  history: (id: number) => ['members', 'history', id] as const,
  stats: (orgId: number | undefined) => ['members', 'stats', orgId ?? 'top'] as const,
};

// A registration or a status change moves the active-member count on the home page too.
const afterMemberChange = [memberKeys.all, ['orgs', 'stats']];

/** The download address of the filtered roster as .xlsx (the browser sends the session cookie). */
export function memberExportUrl(query: MemberListQuery): string {
  const { cursor: _cursor, limit: _limit, ...filters } = query;
  return withQuery('/api/members/export', filters);
}

/** A filtered keyset page of the roster in the caller's scope. */
export function useMembers(query: MemberListQuery) {
  return useQuery({
    queryKey: memberKeys.list(query),
    queryFn: () => get<MemberPage>('/api/members', query),
    placeholderData: keepPreviousData,
  });
}

/** Roster statistics of an org's subtree (default: the caller's top org), live from the records. */
export function useMemberStats(orgId: number | undefined) {
  return useQuery({
    queryKey: memberKeys.stats(orgId),
    queryFn: () => get<MemberStats>('/api/members/stats', { orgId }),
  });
}

/** One member with masked numbers; disabled without an id. */
export function useMember(id: number | null) {
  return useQuery({
    queryKey: memberKeys.detail(id ?? 0),
    queryFn: () => get<MemberView>(`/api/members/${id}`),
    enabled: !!id,
  });
}

/** The change history of one member, newest first; disabled without an id. */
export function useMemberHistory(id: number | null) {
  return useQuery({
    queryKey: memberKeys.history(id ?? 0),
    queryFn: () => get<z.infer<typeof memberHistoryList>>(`/api/members/${id}/history`),
    select: (data) => data.items,
    enabled: !!id,
  });
}

/** Registers a member. */
export function useCreateMember() {
  return useInvalidatingMutation(
    (body: CreateMemberInput) => request<MemberView>('POST', '/api/members', body),
    afterMemberChange,
  );
}

/** Edits a member's record (numbers only when retyped). */
export function useUpdateMember() {
  return useInvalidatingMutation(
    ({ id, body }: { id: number; body: UpdateMemberInput }) => request<MemberView>('PATCH', `/api/members/${id}`, body),
    [memberKeys.all],
  );
}

/** Changes a member's status (在册, 转出, 退会, 去世). */
export function useChangeMemberStatus() {
  return useInvalidatingMutation(
    ({ id, body }: { id: number; body: MemberStatusInput }) =>
      request<MemberView>('POST', `/api/members/${id}/status`, body),
    afterMemberChange,
  );
}

/** Fetches one full number of a member; the server records every call in the audit log. */
export function useRevealMemberField() {
  return useMutation({
    mutationFn: ({ id, field }: { id: number; field: RevealField }) =>
      request<RevealResult>('POST', `/api/members/${id}/reveal`, { field }),
  });
}

/**
 * For a members/duplicate_id_number failure: the id of the member holding that ID number when the
 * caller may open it, null when it lies outside the caller's scope; undefined for any other error.
 */
export function duplicateMemberId(error: unknown): number | null | undefined {
  if (!(error instanceof ApiError) || error.code !== 'members/duplicate_id_number') return undefined;
  const details = error.details;
  const memberId = details && typeof details === 'object' && 'memberId' in details ? details.memberId : null;
  return typeof memberId === 'number' ? memberId : null;
}
