import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CampaignInput,
  CampaignUpdate,
  CampaignView,
  CoverageView,
  campaignListQuery,
  campaignPage,
  targetOptions,
  VisitView,
  visitDetail,
  visitingOrgOptions,
  visitListQuery,
  visitPage,
} from '../../shared/schemas/visits';
import { get, request, upload, withQuery } from './client';
import { useInvalidatingMutation } from './mutations';

export type { CampaignView, CoverageView, VisitView };
export type CampaignPage = z.infer<typeof campaignPage>;
export type CampaignListQuery = z.input<typeof campaignListQuery>;
export type VisitListQuery = Omit<z.input<typeof visitListQuery>, 'ownOnly'> & { ownOnly?: 'true' };
export type VisitPage = z.infer<typeof visitPage>;
export type VisitDetail = z.infer<typeof visitDetail>;
export type TargetOption = z.infer<typeof targetOptions>['items'][number];
export type VisitingOrg = z.infer<typeof visitingOrgOptions>['items'][number];

export const visitKeys = {
  all: ['visits'] as const,
  campaigns: (query: CampaignListQuery) => ['visits', 'campaigns', query] as const,
  campaign: (id: number) => ['visits', 'campaign', id] as const,
  coverage: (id: number, orgId: number | undefined) => ['visits', 'coverage', id, orgId ?? 'top'] as const,
  list: (query: VisitListQuery) => ['visits', 'list', query] as const,
  detail: (id: number) => ['visits', 'detail', id] as const,
};

/** Campaigns the caller sees, with their totals. */
export function useCampaigns(query: CampaignListQuery) {
  return useQuery({
    queryKey: visitKeys.campaigns(query),
    queryFn: () => get<CampaignPage>('/api/visit-campaigns', query),
    placeholderData: keepPreviousData,
  });
}

export function useCampaign(id: number) {
  return useQuery({ queryKey: visitKeys.campaign(id), queryFn: () => get<CampaignView>(`/api/visit-campaigns/${id}`) });
}

/** The coverage table of a campaign at an org (default: the top the caller sees). */
export function useCoverage(id: number, orgId: number | undefined) {
  return useQuery({
    queryKey: visitKeys.coverage(id, orgId),
    queryFn: () => get<CoverageView>(`/api/visit-campaigns/${id}/coverage`, { orgId }),
    placeholderData: keepPreviousData,
  });
}

export function useVisits(query: VisitListQuery, enabled = true) {
  return useQuery({
    queryKey: visitKeys.list(query),
    queryFn: () => get<VisitPage>('/api/visits', query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useVisit(id: number | null) {
  return useQuery({
    queryKey: visitKeys.detail(id ?? 0),
    queryFn: () => get<VisitDetail>(`/api/visits/${id}`),
    enabled: id !== null,
  });
}

export const fetchTargets = (campaignId: number, kind: 'enterprise' | 'worker', q: string) =>
  get<{ items: TargetOption[] }>('/api/visits/targets', { campaignId, kind, q });

export const fetchVisitingOrgs = (campaignId: number, q: string) =>
  get<{ items: VisitingOrg[] }>('/api/visits/visiting-orgs', { campaignId, q });

export function useCreateCampaign() {
  return useInvalidatingMutation(
    (body: Partial<CampaignInput>) => request<CampaignView>('POST', '/api/visit-campaigns', body),
    [visitKeys.all],
  );
}

export function useUpdateCampaign(id: number) {
  return useInvalidatingMutation(
    (body: CampaignUpdate) => request<CampaignView>('PATCH', `/api/visit-campaigns/${id}`, body),
    [visitKeys.all],
  );
}

export function useCloseCampaign() {
  return useInvalidatingMutation(
    (id: number) => request<CampaignView>('POST', `/api/visit-campaigns/${id}/close`),
    [visitKeys.all],
  );
}

/** Records a visit: the fields and photos as multipart. */
export function useCreateVisit() {
  return useInvalidatingMutation((form: FormData) => upload<VisitDetail>('/api/visits', form), [visitKeys.all]);
}

export function useDeleteVisit() {
  return useInvalidatingMutation((id: number) => request<{ ok: true }>('DELETE', `/api/visits/${id}`), [visitKeys.all]);
}

/** Where a campaign's visits download as .xlsx (the browser sends the session cookie). */
export const campaignExportUrl = (id: number, orgId?: number) =>
  withQuery(`/api/visit-campaigns/${id}/export.xlsx`, { orgId });

export const visitPhotoUrl = (photoId: number) => `/api/visits/photos/${photoId}`;
