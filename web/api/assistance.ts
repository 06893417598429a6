import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AssistanceStats,
  AssistanceType,
  approveCaseBody,
  BatchItem,
  batchDetail,
  batchListQuery,
  batchPage,
  bulkApproveBody,
  bulkApproveResponse,
  bulkFailure,
  CaseDetail,
  CaseItem,
  caseListQuery,
  casePage,
  createBatchBody,
  createCaseResponse,
  createFundBody,
  FundView,
  fundListQuery,
  portalCaseDetail,
  portalCaseItem,
  portalCaseList,
  revealCaseBody,
  revealCaseResponse,
  reviewCaseBody,
  statsQuery,
  updateFundBody,
} from '../../shared/schemas/assistance';
import type { metricRecordsResponse } from '../../shared/schemas/metrics';
import { ApiError, get, request, upload, withQuery } from './client';
import { useInvalidatingMutation } from './mutations';

export type { AssistanceStats, BatchItem, CaseDetail, CaseItem, FundView };
export type CasePage = z.infer<typeof casePage>;
export type CaseListQuery = z.input<typeof caseListQuery>;
export type FundListQuery = z.input<typeof fundListQuery>;
export type CreateFundInput = z.input<typeof createFundBody>;
export type UpdateFundInput = z.input<typeof updateFundBody>;
export type ReviewInput = z.input<typeof reviewCaseBody>;
export type ApproveInput = z.input<typeof approveCaseBody>;
export type BulkApproveInput = z.input<typeof bulkApproveBody>;
export type BulkApproveResult = z.infer<typeof bulkApproveResponse>;
export type BulkFailure = z.infer<typeof bulkFailure>;
export type RevealCaseField = z.input<typeof revealCaseBody>['field'];
export type RevealCaseResult = z.infer<typeof revealCaseResponse>;
export type BatchPage = z.infer<typeof batchPage>;
export type BatchListQuery = z.input<typeof batchListQuery>;
export type BatchDetail = z.infer<typeof batchDetail>;
export type CreateBatchInput = z.input<typeof createBatchBody>;
export type StatsQuery = z.input<typeof statsQuery>;
export type PortalCase = z.infer<typeof portalCaseItem>;
export type PortalCaseDetail = z.infer<typeof portalCaseDetail>;
export type MetricRecords = z.infer<typeof metricRecordsResponse>;

export const assistanceKeys = {
  all: ['assistance'] as const,
  funds: ['assistance', 'funds'] as const,
  cases: ['assistance', 'cases'] as const,
  case: (id: number) => ['assistance', 'cases', 'detail', id] as const,
  batches: ['assistance', 'batches'] as const,
  stats: ['assistance', 'stats'] as const,
  portal: ['portal', 'assistance'] as const,
};

// A decision moves a case, its fund's balance, the batches and the statistics at once.
const afterCaseChange = [assistanceKeys.all, ['metrics']];

/** The address of one stored document or photo (inline for images and PDF; the session cookie goes along). */
export const caseFileUrl = (id: number) => `/api/assistance/files/${id}`;

/** The download address of a batch's bank file (.xlsx); fetching it marks the batch exported. */
export const batchExportUrl = (id: number) => `/api/assistance/batches/${id}/export.xlsx`;

// ----- funds -----

/** The funds in the caller's scope (or serving one org), with budget, committed, paid and balance. */
export function useFunds(query: FundListQuery = {}, enabled = true) {
  return useQuery({
    queryKey: [...assistanceKeys.funds, query],
    queryFn: () => get<{ items: FundView[] }>('/api/assistance/funds', query),
    select: (data) => data.items,
    enabled,
  });
}

/** Opens a fund with its budget. */
export function useCreateFund() {
  return useInvalidatingMutation(
    (body: CreateFundInput) => request<FundView>('POST', '/api/assistance/funds', body),
    [assistanceKeys.all],
  );
}

/** Changes a fund's name, source, budget (never below what is committed and paid) or status. */
export function useUpdateFund() {
  return useInvalidatingMutation(
    ({ id, ...body }: UpdateFundInput & { id: number }) =>
      request<FundView>('PATCH', `/api/assistance/funds/${id}`, body),
    [assistanceKeys.all],
  );
}

// ----- cases -----

/** A filtered keyset page of cases in the caller's scope. */
export function useCases(query: CaseListQuery, enabled = true) {
  return useQuery({
    queryKey: [...assistanceKeys.cases, 'list', query],
    queryFn: () => get<CasePage>('/api/assistance/cases', query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One case in full (masked numbers, documents, steps); the server audits the view. Disabled without an id. */
export function useCase(id: number | null) {
  return useQuery({
    queryKey: assistanceKeys.case(id ?? 0),
    queryFn: () => get<CaseDetail>(`/api/assistance/cases/${id}`),
    enabled: !!id,
  });
}

/** The fields of a cadre's application; the documents go along as files. */
export interface CaseSubmission {
  memberId: number;
  type: AssistanceType;
  amountRequestedFen: number;
  reason: string;
  bankName: string;
  bankAccount: string;
  payeeName?: string;
  files: File[];
}

function caseForm({ files, ...fields }: Record<string, unknown> & { files: File[] }): FormData {
  const form = new FormData();
  // Text fields first: the server reads the parts in order and checks the fields before storing files.
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null && value !== '') form.append(key, String(value));
  }
  for (const file of files) form.append('files', file, file.name);
  return form;
}

/** Registers an application on a member's behalf (工会代办), documents included, as one multipart form. */
export function useCreateCase() {
  return useInvalidatingMutation(
    (submission: CaseSubmission) =>
      upload<z.infer<typeof createCaseResponse>>('/api/assistance/cases', caseForm({ ...submission })),
    afterCaseChange,
  );
}

/** 基层审核: pass, or reject with the reason the worker reads. */
export function useReviewCase() {
  return useInvalidatingMutation(
    ({ id, ...body }: ReviewInput & { id: number }) =>
      request<CaseDetail>('POST', `/api/assistance/cases/${id}/review`, body),
    afterCaseChange,
  );
}

/** 县级审批: approve from a fund with an amount, or reject with a reason. */
export function useApproveCase() {
  return useInvalidatingMutation(
    ({ id, ...body }: ApproveInput & { id: number }) =>
      request<CaseDetail>('POST', `/api/assistance/cases/${id}/approve`, body),
    afterCaseChange,
  );
}

/** The failures of a refused bulk approval (409), case by case; empty for any other error. */
export function bulkFailures(error: unknown): BulkFailure[] {
  if (!(error instanceof ApiError) || error.status !== 409) return [];
  const details = error.details;
  const list = Array.isArray(details)
    ? details
    : details && typeof details === 'object' && 'failures' in details
      ? (details as { failures: unknown }).failures
      : [];
  return Array.isArray(list)
    ? list.filter((f): f is BulkFailure => !!f && typeof f === 'object' && 'id' in f && 'message' in f)
    : [];
}

/** Approves several reviewed cases from one fund: all or nothing. */
export function useBulkApprove() {
  return useInvalidatingMutation(
    (body: BulkApproveInput) => request<BulkApproveResult>('POST', '/api/assistance/cases/bulk-approve', body),
    afterCaseChange,
  );
}

/** Decrypts the ID or bank account number of a case (members.reveal; audited). */
export function useRevealCaseField() {
  return useMutation({
    mutationFn: ({ id, field }: { id: number; field: RevealCaseField }) =>
      request<RevealCaseResult>('POST', `/api/assistance/cases/${id}/reveal`, { field }),
  });
}

// ----- disbursement batches -----

/** A keyset page of disbursement batches. */
export function useBatches(query: BatchListQuery) {
  return useQuery({
    queryKey: [...assistanceKeys.batches, 'list', query],
    queryFn: () => get<BatchPage>('/api/assistance/batches', query),
    placeholderData: keepPreviousData,
  });
}

/** One batch with its cases; disabled without an id. */
export function useBatch(id: number | null) {
  return useQuery({
    queryKey: [...assistanceKeys.batches, 'detail', id ?? 0],
    queryFn: () => get<BatchDetail>(`/api/assistance/batches/${id}`),
    enabled: !!id,
  });
}

/** Puts approved cases of one fund into a new batch (they become 发放中). */
export function useCreateBatch() {
  return useInvalidatingMutation(
    (body: CreateBatchInput) => request<BatchItem>('POST', '/api/assistance/batches', body),
    afterCaseChange,
  );
}

/** The bank confirmed the payments: the cases become 已发放 (someone other than the batch's creator). */
export function useConfirmBatch() {
  return useInvalidatingMutation(
    ({ id, comment }: { id: number; comment?: string }) =>
      request<BatchItem>('POST', `/api/assistance/batches/${id}/confirm`, comment ? { comment } : {}),
    afterCaseChange,
  );
}

/** Cancels a batch: its cases go back to 待发放. */
export function useCancelBatch() {
  return useInvalidatingMutation(
    ({ id, reason }: { id: number; reason: string }) =>
      request<BatchItem>('POST', `/api/assistance/batches/${id}/cancel`, { reason }),
    afterCaseChange,
  );
}

// ----- statistics -----

/** Totals by type, fund, month and child org of an org's subtree over a period. */
export function useAssistanceStats(query: StatsQuery) {
  return useQuery({
    queryKey: [...assistanceKeys.stats, query],
    queryFn: () => get<AssistanceStats>('/api/assistance/stats', query),
    placeholderData: keepPreviousData,
  });
}

/** The query of a catalog metric's records: org, period and the metric's own filters (type, fund). */
export interface MetricRecordsQuery {
  orgId?: number;
  from?: string;
  to?: string;
  type?: string;
  fund?: string;
  cursor?: string;
  limit?: number;
}

/** The records behind a catalog figure (the same rows the metric counts), newest first. */
export function useMetricRecords(code: string, query: MetricRecordsQuery, enabled = true) {
  return useQuery({
    queryKey: ['metrics', 'records', code, query],
    queryFn: () => get<MetricRecords>(withQuery(`/api/metrics/${code}/records`, query)),
    placeholderData: keepPreviousData,
    enabled,
  });
}

// ----- the worker's own applications (portal) -----

/** The worker's own applications, newest first. */
export function usePortalCases() {
  return useQuery({
    queryKey: assistanceKeys.portal,
    queryFn: () => get<z.infer<typeof portalCaseList>>('/api/portal/assistance'),
    select: (data) => data.items,
  });
}

/** One of the worker's own applications with its steps; disabled without an id. */
export function usePortalCase(id: number | null) {
  return useQuery({
    queryKey: [...assistanceKeys.portal, id ?? 0],
    queryFn: () => get<PortalCaseDetail>(`/api/portal/assistance/${id}`),
    enabled: !!id,
  });
}

/** The fields of a worker's own application; the photos of documents go along as files. */
export interface PortalSubmission {
  type: AssistanceType;
  amountRequestedFen: number;
  reason: string;
  bankName: string;
  bankAccount: string;
  files: File[];
}

/** Sends the worker's application with its photos as one multipart form (with upload progress). */
export function useApplyAssistance(onProgress?: (sent: number, total: number) => void) {
  return useInvalidatingMutation(
    (submission: PortalSubmission) =>
      upload<z.infer<typeof createCaseResponse>>('/api/portal/assistance', caseForm({ ...submission }), onProgress),
    [assistanceKeys.portal],
  );
}

/** Withdraws the worker's own application while it is still being reviewed. */
export function useWithdrawAssistance() {
  return useInvalidatingMutation(
    (id: number) => request<PortalCase>('POST', `/api/portal/assistance/${id}/withdraw`),
    [assistanceKeys.portal],
  );
}
