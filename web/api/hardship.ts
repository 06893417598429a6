import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  candidateList,
  createFileBody,
  fileListQuery,
  filePage,
  fileView,
  householdMemberInput,
  resolveBody,
  reviewBody,
  statsResponse,
  updateFileBody,
} from '../../shared/schemas/hardship';
import { get, request, upload, withQuery } from './client';
import { useInvalidatingMutation } from './mutations';

export type HardshipFile = z.infer<typeof fileView>;
export type HardshipListItem = z.infer<typeof filePage>['items'][number];
export type HardshipPage = z.infer<typeof filePage>;
export type HardshipListQuery = z.input<typeof fileListQuery>;
export type HardshipStats = z.infer<typeof statsResponse>;
export type HardshipBucket = HardshipStats['byLevel'][number];
export type HardshipCandidate = z.infer<typeof candidateList>['items'][number];
export type CreateFileInput = z.input<typeof createFileBody>;
export type UpdateFileInput = z.input<typeof updateFileBody>;
export type HouseholdMemberInput = z.input<typeof householdMemberInput>;
export type ReviewInput = z.input<typeof reviewBody>;
export type ResolveInput = z.input<typeof resolveBody>;

const keys = {
  all: ['hardship'] as const,
  list: (query: HardshipListQuery) => ['hardship', 'list', query] as const,
  detail: (id: number) => ['hardship', 'detail', id] as const,
  stats: (orgId: number | undefined) => ['hardship', 'stats', orgId ?? 'top'] as const,
  candidates: (q: string) => ['hardship', 'candidates', q] as const,
};

/** The download address of the filtered files as .xlsx (the browser sends the session cookie). */
export function hardshipExportUrl(query: HardshipListQuery): string {
  const { cursor: _cursor, limit: _limit, ...filters } = query;
  return withQuery('/api/hardship/files/export', filters);
}

/** The address of a consent's scanned form (shown inline; the server audits the view). */
export const consentFormUrl = (consentId: number) => `/api/hardship/consents/${consentId}/form`;

/** A filtered keyset page of hardship files in the caller's scope (never health or income). */
export function useHardshipFiles(query: HardshipListQuery) {
  return useQuery({
    queryKey: keys.list(query),
    queryFn: () => get<HardshipPage>('/api/hardship/files', query),
    placeholderData: keepPreviousData,
  });
}

/** One file; health and income only for holders of welfare.sensitive (the server audits the view). */
export function useHardshipFile(id: number | null) {
  return useQuery({
    queryKey: keys.detail(id ?? 0),
    queryFn: () => get<HardshipFile>(`/api/hardship/files/${id}`),
    enabled: !!id,
    // Each fetch of sensitive data is a recorded view: do not refetch behind the user's back.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}

/** Statistics of an org's subtree (default: the caller's top org). */
export function useHardshipStats(orgId: number | undefined) {
  return useQuery({
    queryKey: keys.stats(orgId),
    queryFn: () => get<HardshipStats>('/api/hardship/stats', { orgId }),
  });
}

/** Active members of the caller's scope matching a name, to file. */
export function useHardshipCandidates(q: string) {
  return useQuery({
    queryKey: keys.candidates(q),
    queryFn: () => get<{ items: HardshipCandidate[] }>('/api/hardship/candidates', { q }),
    enabled: q.trim().length > 0,
    select: (data) => data.items,
  });
}

export function useCreateHardshipFile() {
  return useInvalidatingMutation(
    (body: CreateFileInput) => request<HardshipFile>('POST', '/api/hardship/files', body),
    [keys.all],
  );
}

export function useUpdateHardshipFile() {
  return useInvalidatingMutation(
    ({ id, body }: { id: number; body: UpdateFileInput }) =>
      request<HardshipFile>('PATCH', `/api/hardship/files/${id}`, body),
    [keys.all],
  );
}

export function useReviewHardshipFile() {
  return useInvalidatingMutation(
    ({ id, body }: { id: number; body: ReviewInput }) =>
      request<HardshipFile>('POST', `/api/hardship/files/${id}/reviews`, body),
    [keys.all],
  );
}

export function useResolveHardshipFile() {
  return useInvalidatingMutation(
    ({ id, body }: { id: number; body: ResolveInput }) =>
      request<HardshipFile>('POST', `/api/hardship/files/${id}/resolve`, body),
    [keys.all],
  );
}

/** Uploads the scanned consent form of a consent (a photo or PDF). */
export function useUploadConsentForm() {
  return useInvalidatingMutation(
    ({ consentId, file }: { consentId: number; file: File }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return upload<{ id: number }>(`/api/hardship/consents/${consentId}/form`, form);
    },
    [keys.all],
  );
}
