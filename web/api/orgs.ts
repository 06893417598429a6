import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  createOrgBody,
  departmentList,
  departmentView,
  dissolveOrgBody,
  orgChildrenQuery,
  orgDetail,
  orgPage,
  orgRootsResponse,
  orgSearchHit,
  orgSearchPage,
  orgStats,
  orgView,
  updateOrgBody,
} from '../../shared/schemas/orgs';
import { get, request } from './client';
import { useInvalidatingMutation } from './mutations';

export type OrgView = z.infer<typeof orgView>;
export type OrgDetail = z.infer<typeof orgDetail>;
export type OrgPage = z.infer<typeof orgPage>;
export type OrgSearchHit = z.infer<typeof orgSearchHit>;
export type OrgStats = z.infer<typeof orgStats>;
export type Department = z.infer<typeof departmentView>;
export type CreateOrgInput = z.input<typeof createOrgBody>;
export type UpdateOrgInput = z.input<typeof updateOrgBody>;
export type DissolveOrgInput = z.input<typeof dissolveOrgBody>;
export type OrgChildrenQuery = z.input<typeof orgChildrenQuery>;

export const orgKeys = {
  all: ['orgs'] as const,
  roots: ['orgs', 'roots'] as const,
  detail: (id: number) => ['orgs', 'detail', id] as const,
  children: (id: number, query: OrgChildrenQuery) => ['orgs', 'children', id, query] as const,
  search: (q: string, under?: number) => ['orgs', 'search', q, under] as const,
  stats: (id: number) => ['orgs', 'stats', id] as const,
  departments: (id: number) => ['orgs', 'departments', id] as const,
};

/** One page of an org's direct children (the tree and the children table both page with it). */
export function fetchOrgChildren(id: number, query: OrgChildrenQuery): Promise<OrgPage> {
  return get<OrgPage>(`/api/orgs/${id}/children`, query);
}

/** The caller's top orgs: where the tree starts. */
export function useOrgRoots() {
  return useQuery({
    queryKey: orgKeys.roots,
    queryFn: () => get<z.infer<typeof orgRootsResponse>>('/api/orgs/roots'),
    select: (data) => data.items,
  });
}

/** One org with its breadcrumbs; disabled without an id. */
export function useOrg(id: number | null | undefined) {
  return useQuery({
    queryKey: orgKeys.detail(id ?? 0),
    queryFn: () => get<OrgDetail>(`/api/orgs/${id}`),
    enabled: !!id,
  });
}

/** A filtered page of an org's children, keeping the previous page on screen while the next loads. */
export function useOrgChildren(id: number | null, query: OrgChildrenQuery) {
  return useQuery({
    queryKey: orgKeys.children(id ?? 0, query),
    queryFn: () => fetchOrgChildren(id ?? 0, query),
    enabled: !!id,
    placeholderData: keepPreviousData,
  });
}

/** Orgs whose name contains `q` or whose pinyin initials start with it; idle for an empty `q`. */
export function useOrgSearch(q: string, under?: number) {
  const trimmed = q.trim();
  return useQuery({
    queryKey: orgKeys.search(trimmed, under),
    queryFn: () => get<z.infer<typeof orgSearchPage>>('/api/orgs/search', { q: trimmed, under, limit: 20 }),
    enabled: trimmed.length > 0,
    placeholderData: keepPreviousData,
  });
}

/** Subtree totals of one org. */
export function useOrgStats(id: number) {
  return useQuery({ queryKey: orgKeys.stats(id), queryFn: () => get<OrgStats>(`/api/orgs/${id}/stats`) });
}

/** The departments (部室) of a federation; disabled for other orgs. */
export function useDepartments(id: number | null | undefined, enabled = true) {
  return useQuery({
    queryKey: orgKeys.departments(id ?? 0),
    queryFn: () => get<z.infer<typeof departmentList>>(`/api/orgs/${id}/departments`),
    select: (data) => data.items,
    enabled: !!id && enabled,
  });
}

export function useCreateOrg() {
  return useInvalidatingMutation((body: CreateOrgInput) => request<OrgView>('POST', '/api/orgs', body), [orgKeys.all]);
}

export function useUpdateOrg() {
  return useInvalidatingMutation(
    ({ id, body }: { id: number; body: UpdateOrgInput }) => request<OrgView>('PATCH', `/api/orgs/${id}`, body),
    [orgKeys.all],
  );
}

export function useMoveOrg() {
  return useInvalidatingMutation(
    ({ id, newParentId }: { id: number; newParentId: number }) =>
      request<OrgView>('POST', `/api/orgs/${id}/move`, { newParentId }),
    [orgKeys.all, ['accounts']],
  );
}

export function useDissolveOrg() {
  return useInvalidatingMutation(
    ({ id, body }: { id: number; body: DissolveOrgInput }) =>
      request<OrgView>('POST', `/api/orgs/${id}/dissolve`, body),
    [orgKeys.all],
  );
}

export function useCreateDepartment() {
  return useInvalidatingMutation(
    ({ orgId, name }: { orgId: number; name: string }) =>
      request<Department>('POST', `/api/orgs/${orgId}/departments`, { name }),
    [orgKeys.all],
  );
}
