import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { meResponse } from '../../shared/schemas/auth';
import type {
  joinLinkResponse,
  joinList,
  joinListQuery,
  joinPage,
  joinRequestBody,
  joinUnionList,
  joinUnionSearchQuery,
  joinUnionView,
  joinView,
  registerBody,
} from '../../shared/schemas/joins';
import type { revealResponse } from '../../shared/schemas/members';
import { meKey } from './auth';
import { get, request, setCsrfToken } from './client';

// No antd here, and no zod values: the member portal uses this module too.

/** An application with masked numbers, as the union and the applicant see it. */
export type JoinView = z.infer<typeof joinView>;
export type JoinStatus = JoinView['status'];
export type JoinPage = z.infer<typeof joinPage>;
export type JoinListQuery = z.input<typeof joinListQuery>;
export type JoinRequestInput = z.input<typeof joinRequestBody>;
export type RegisterInput = z.input<typeof registerBody>;
/** A union as an applicant sees it: name, type, breadcrumbs. */
export type JoinUnion = z.infer<typeof joinUnionView>;
export type JoinUnionSearch = z.input<typeof joinUnionSearchQuery>;
export type JoinLink = z.infer<typeof joinLinkResponse>;
type Me = z.infer<typeof meResponse>;

const joinKeys = {
  own: ['portal', 'joins'] as const,
  lists: ['joins', 'list'] as const,
  list: (query: JoinListQuery) => ['joins', 'list', query] as const,
  detail: (id: number) => ['joins', 'detail', id] as const,
};

/** Registers the worker's own account; the answer is the same as /api/me (the worker is signed in). */
export function useRegister() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RegisterInput) => request<Me>('POST', '/api/portal/register', body),
    // Nothing of an account was cached before (the worker was signed out): the page stays mounted and
    // moves on to the application as soon as it sees the account.
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      queryClient.setQueryData(meKey, me);
    },
  });
}

/** The union behind a join link's token (public); disabled without a token. */
export function useJoinLinkUnion(token: string | null) {
  return useQuery({
    queryKey: ['join', 'link', token],
    queryFn: () => get<JoinUnion>(`/api/join/unions/${encodeURIComponent(token ?? '')}`),
    enabled: !!token,
    retry: false,
  });
}

/** Active grassroots unions by name; disabled until something is typed. */
export function useJoinUnionSearch(query: JoinUnionSearch) {
  return useQuery({
    queryKey: ['join', 'unions', query],
    queryFn: () => get<z.infer<typeof joinUnionList>>('/api/join/unions', query),
    enabled: query.q.trim() !== '',
    select: (data) => data.items,
    placeholderData: keepPreviousData,
  });
}

/** The signed-in worker's own applications, newest first. */
export function useOwnJoins() {
  return useQuery({
    queryKey: joinKeys.own,
    queryFn: () => get<z.infer<typeof joinList>>('/api/portal/join'),
    select: (data) => data.items,
  });
}

/** Submits an application; the worker's list refreshes either way. */
export function useSubmitJoin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: JoinRequestInput) => request<JoinView>('POST', '/api/portal/join', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: joinKeys.own }),
  });
}

/** A page of the applications to the caller's subtree. */
export function useJoins(query: JoinListQuery) {
  return useQuery({
    queryKey: joinKeys.list(query),
    queryFn: () => get<JoinPage>('/api/members/joins', query),
    placeholderData: keepPreviousData,
  });
}

/** One application (the server audits the view); disabled without an id. */
export function useJoin(id: number | null) {
  return useQuery({
    queryKey: joinKeys.detail(id ?? 0),
    queryFn: () => get<JoinView>(`/api/members/joins/${id}`),
    enabled: !!id,
  });
}

/** Fetches one full number of an applicant; the server records every call in the audit log. */
export function useRevealJoinField() {
  return useMutation({
    mutationFn: ({ id, field }: { id: number; field: 'idNumber' | 'mobile' }) =>
      request<z.infer<typeof revealResponse>>('POST', `/api/members/joins/${id}/reveal`, { field }),
  });
}

type Decision = { id: number; approve: true } | { id: number; approve: false; comment: string };

/**
 * Approves (registering the member) or rejects an application. The decided row replaces the cached one,
 * so it stays in view with its new status; an approval changes the roster and the counts.
 */
export function useDecideJoin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (d: Decision) =>
      d.approve
        ? request<JoinView>('POST', `/api/members/joins/${d.id}/approve`)
        : request<JoinView>('POST', `/api/members/joins/${d.id}/reject`, { comment: d.comment }),
    onSuccess: (decided) => {
      queryClient.setQueriesData<JoinPage>({ queryKey: joinKeys.lists }, (page) =>
        page ? { ...page, items: page.items.map((item) => (item.id === decided.id ? decided : item)) } : page,
      );
      queryClient.setQueryData(joinKeys.detail(decided.id), decided);
      if (decided.status === 'approved') {
        return Promise.all([
          queryClient.invalidateQueries({ queryKey: ['members'] }),
          queryClient.invalidateQueries({ queryKey: ['orgs', 'stats'] }),
        ]);
      }
    },
    onError: () => queryClient.invalidateQueries({ queryKey: joinKeys.lists }),
  });
}

/** The join link of a union in the caller's scope (for its QR code); disabled without an id. */
export function useJoinLink(orgId: number | undefined) {
  return useQuery({
    queryKey: ['joins', 'link', orgId],
    queryFn: () => get<JoinLink>(`/api/orgs/${orgId}/join-link`),
    enabled: !!orgId,
    retry: false,
  });
}
