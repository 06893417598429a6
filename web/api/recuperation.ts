import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ApplicationView,
  applicationListQuery,
  applicationPage,
  BatchInput,
  BatchView,
  nomineeList,
  PortalBatchView,
  ProgrammeInput,
  ProgrammeView,
  programmeListQuery,
  programmePage,
  StatsView,
} from '../../shared/schemas/recuperation';
import { get, request, withQuery } from './client';

// No antd here, and no zod values: the member portal uses this module too.

export type { ApplicationView, BatchView, PortalBatchView, ProgrammeView, StatsView };
export type ApplicationStatus = ApplicationView['status'];
export type ProgrammeStatus = ProgrammeView['status'];
export type ProgrammeListQuery = z.input<typeof programmeListQuery>;
export type ProgrammePage = z.infer<typeof programmePage>;
export type ProgrammeSummary = ProgrammePage['items'][number];
export type ApplicationListQuery = z.input<typeof applicationListQuery>;
export type ApplicationPage = z.infer<typeof applicationPage>;
export type Nominee = z.infer<typeof nomineeList>['items'][number];
export type { BatchInput, ProgrammeInput };

export const recuperationKeys = {
  all: ['recuperation'] as const,
  programmes: (q: ProgrammeListQuery) => ['recuperation', 'programmes', q] as const,
  programme: (id: number) => ['recuperation', 'programme', id] as const,
  applications: (q: ApplicationListQuery) => ['recuperation', 'applications', q] as const,
  stats: (id: number, orgId?: number) => ['recuperation', 'stats', id, orgId ?? 'owner'] as const,
  nominees: (batchId: number, q: string) => ['recuperation', 'nominees', batchId, q] as const,
  portal: ['portal', 'recuperation'] as const,
};

/** The download address of a batch's roster (the browser sends the session cookie). */
export function rosterUrl(batchId: number, status?: ApplicationStatus): string {
  return withQuery(`/api/recuperation/batches/${batchId}/roster.xlsx`, { status });
}

export function useProgrammes(query: ProgrammeListQuery) {
  return useQuery({
    queryKey: recuperationKeys.programmes(query),
    queryFn: () => get<ProgrammePage>('/api/recuperation/programmes', query),
    placeholderData: keepPreviousData,
  });
}

export function useProgramme(id: number) {
  return useQuery({
    queryKey: recuperationKeys.programme(id),
    queryFn: () => get<ProgrammeView>(`/api/recuperation/programmes/${id}`),
  });
}

export function useApplications(query: ApplicationListQuery, enabled = true) {
  return useQuery({
    queryKey: recuperationKeys.applications(query),
    queryFn: () => get<ApplicationPage>('/api/recuperation/applications', query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useRecuperationStats(programmeId: number, orgId?: number) {
  return useQuery({
    queryKey: recuperationKeys.stats(programmeId, orgId),
    queryFn: () => get<StatsView>(`/api/recuperation/programmes/${programmeId}/stats`, { orgId }),
    placeholderData: keepPreviousData,
  });
}

export function useNominees(batchId: number, q: string) {
  return useQuery({
    queryKey: recuperationKeys.nominees(batchId, q),
    queryFn: () => get<z.infer<typeof nomineeList>>(`/api/recuperation/batches/${batchId}/nominees`, { q }),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

/** A write that refreshes every recuperation query once it succeeds. */
function useRecuperationWrite<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recuperationKeys.all }),
  });
}

export const useCreateProgramme = () =>
  useRecuperationWrite((body: ProgrammeInput) => request<ProgrammeView>('POST', '/api/recuperation/programmes', body));
export const useUpdateProgramme = (id: number) =>
  useRecuperationWrite((body: Partial<ProgrammeInput>) =>
    request<ProgrammeView>('PATCH', `/api/recuperation/programmes/${id}`, body),
  );
export const useCreateBatch = (programmeId: number) =>
  useRecuperationWrite((body: BatchInput) =>
    request<BatchView>('POST', `/api/recuperation/programmes/${programmeId}/batches`, body),
  );
export const useUpdateBatch = () =>
  useRecuperationWrite(({ id, ...body }: Partial<BatchInput> & { id: number }) =>
    request<BatchView>('PATCH', `/api/recuperation/batches/${id}`, body),
  );
export const useSetQuota = () =>
  useRecuperationWrite(({ batchId, ...body }: { batchId: number; orgId: number; quota: number }) =>
    request<BatchView>('POST', `/api/recuperation/batches/${batchId}/quotas`, body),
  );
export const useNominate = () =>
  useRecuperationWrite(
    ({ batchId, ...body }: { batchId: number; memberId: number; frontLine: boolean; honour?: string; note?: string }) =>
      request<ApplicationView>('POST', `/api/recuperation/batches/${batchId}/nominations`, body),
  );
export const useApplicationAction = () =>
  useRecuperationWrite(
    ({ id, action, reason }: { id: number; action: 'cancel' | 'reject' | 'confirm'; reason?: string }) =>
      request<ApplicationView>(
        'POST',
        `/api/recuperation/applications/${id}/${action}`,
        action === 'confirm' ? undefined : { reason },
      ),
  );
export const useAttendance = () =>
  useRecuperationWrite(
    ({ batchId, items }: { batchId: number; items: { applicationId: number; attended: boolean }[] }) =>
      request<{ attended: number; absent: number }>('POST', `/api/recuperation/batches/${batchId}/attendance`, {
        items,
      }),
  );

// The member portal.

export function usePortalBatches() {
  return useQuery({
    queryKey: [...recuperationKeys.portal, 'batches'],
    queryFn: () => get<{ items: PortalBatchView[] }>('/api/portal/recuperation/batches'),
    select: (d) => d.items,
  });
}

export function usePortalApplications() {
  return useQuery({
    queryKey: [...recuperationKeys.portal, 'applications'],
    queryFn: () => get<{ items: ApplicationView[] }>('/api/portal/recuperation/applications'),
    select: (d) => d.items,
  });
}

function usePortalWrite<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: recuperationKeys.portal }),
  });
}

export const usePortalApply = () =>
  usePortalWrite((body: { batchId: number; frontLine: boolean; honour?: string; note?: string }) =>
    request<ApplicationView>('POST', '/api/portal/recuperation/applications', body),
  );
export const usePortalCancel = () =>
  usePortalWrite(({ id, reason }: { id: number; reason?: string }) =>
    request<ApplicationView>('POST', `/api/portal/recuperation/applications/${id}/cancel`, { reason }),
  );
export const usePortalConfirm = () =>
  usePortalWrite((id: number) =>
    request<ApplicationView>('POST', `/api/portal/recuperation/applications/${id}/confirm`),
  );
