import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { metricList, metricView } from '../../shared/schemas/metrics';
import type {
  DashboardView,
  DocumentInput,
  DocumentView,
  documentListQuery,
  documentPage,
  documentSummary,
  ParseResponse,
} from '../../shared/schemas/workplans';
import type {
  commentBody,
  commentList,
  commentView,
  ReportView,
  reportListQuery,
  reportPage,
  reviewBody,
  splitBody,
  todoItem,
  todoList,
  todoQuery,
} from '../../shared/schemas/workplans.reports';
import { get, request, upload, withQuery } from './client';
import { useInvalidatingMutation } from './mutations';

export type { DashboardView, DocumentInput, DocumentView, ParseResponse, ReportView };
export type DocumentSummary = z.infer<typeof documentSummary>;
export type DocumentPage = z.infer<typeof documentPage>;
export type DocumentListQuery = z.input<typeof documentListQuery>;
export type MetricView = z.infer<typeof metricView>;
/** One task of the dashboard with its targets' figures. */
export type DashboardTask = DashboardView['tasks'][number];
/** One target of the dashboard with its figures per org. */
export type DashboardTarget = DashboardTask['targets'][number];

export const workplanKeys = {
  all: ['workplans'] as const,
  documents: ['workplans', 'documents'] as const,
  list: (query: DocumentListQuery) => ['workplans', 'documents', 'list', query] as const,
  detail: (id: number) => ['workplans', 'documents', 'detail', id] as const,
  dashboard: (id: number, orgId: number | undefined) => ['workplans', 'dashboard', id, orgId ?? 'top'] as const,
  todo: ['workplans', 'todo'] as const,
  reports: ['workplans', 'reports'] as const,
  comments: (taskId: number) => ['workplans', 'comments', taskId] as const,
};

/** The download addresses of a document's progress (the browser sends the session cookie). */
export function documentExportUrl(id: number, format: 'xlsx' | 'docx', orgId?: number): string {
  return withQuery(`/api/documents/${id}/export.${format}`, { orgId });
}

/** A filtered keyset page of the documents the caller issued or was sent. */
export function useDocuments(query: DocumentListQuery) {
  return useQuery({
    queryKey: workplanKeys.list(query),
    queryFn: () => get<DocumentPage>('/api/documents', query),
    placeholderData: keepPreviousData,
  });
}

/** One document in full, with what the caller may do with it; disabled without an id. */
export function useDocument(id: number | null) {
  return useQuery({
    queryKey: workplanKeys.detail(id ?? 0),
    queryFn: () => get<DocumentView>(`/api/documents/${id}`),
    enabled: !!id,
  });
}

/** A document's figures by task, target and org (the children of `orgId` when drilling down). */
export function useDashboard(id: number, orgId: number | undefined, enabled = true) {
  return useQuery({
    queryKey: workplanKeys.dashboard(id, orgId),
    queryFn: () => get<DashboardView>(`/api/documents/${id}/dashboard`, { orgId }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Reads a pasted notice into a draft (nothing is saved). */
export function useParseText() {
  return useMutation({
    mutationFn: (text: string) => request<ParseResponse>('POST', '/api/documents/parse', { text }),
  });
}

/** Reads an uploaded .docx notice into a draft (nothing is saved). */
export function useParseDocx() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return upload<ParseResponse>('/api/documents/parse-docx', form);
    },
  });
}

/** Saves a new draft. */
export function useCreateDocument() {
  return useInvalidatingMutation(
    (body: DocumentInput) => request<DocumentView>('POST', '/api/documents', body),
    [workplanKeys.documents],
  );
}

/** Saves the changes to a draft. */
export function useUpdateDocument() {
  return useInvalidatingMutation(
    ({ id, body }: { id: number; body: DocumentInput }) => request<DocumentView>('PUT', `/api/documents/${id}`, body),
    [workplanKeys.documents],
  );
}

/** Deletes a draft. */
export function useDeleteDocument() {
  return useInvalidatingMutation(
    (id: number) => request<{ ok: true }>('DELETE', `/api/documents/${id}`),
    [workplanKeys.documents],
  );
}

/** Publishes a draft: its tasks go to their orgs' to-do lists. */
export function usePublishDocument() {
  return useInvalidatingMutation(
    (id: number) => request<DocumentView & { assignedOrgs: number }>('POST', `/api/documents/${id}/publish`),
    [workplanKeys.all],
  );
}

/** Closes a published document: no more reports. */
export function useCloseDocument() {
  return useInvalidatingMutation(
    (id: number) => request<DocumentView>('POST', `/api/documents/${id}/close`),
    [workplanKeys.all],
  );
}

/** The metric catalog, for binding a target to figures the records already know. */
export function useMetrics() {
  return useQuery({
    queryKey: ['metrics', 'list'],
    queryFn: () => get<z.infer<typeof metricList>>('/api/metrics'),
    select: (data) => data.items,
    staleTime: 10 * 60_000,
  });
}

// Reporting: to-do lists, progress reports and their review, supervision comments, splits.

export type ReportPage = z.infer<typeof reportPage>;
export type ReportListQuery = z.input<typeof reportListQuery>;
export type TodoItem = z.infer<typeof todoItem>;
export type TodoList = z.infer<typeof todoList>;
export type TodoQuery = z.input<typeof todoQuery>;
export type CommentView = z.infer<typeof commentView>;
export type CommentInput = z.input<typeof commentBody>;
export type ReviewInput = z.input<typeof reviewBody>;
export type SplitInput = z.input<typeof splitBody>;

/** The address of one evidence file (inline for photos and PDFs, a download for the rest). */
export const evidenceUrl = (id: number) => `/api/workplans/files/${id}`;

/** The tasks sent to an org (default: the caller's own) with its figures against its share. */
export function useTodo(query: TodoQuery) {
  return useQuery({
    queryKey: [...workplanKeys.todo, query],
    queryFn: () => get<TodoList>('/api/workplans/todo', query),
    placeholderData: keepPreviousData,
  });
}

/** A filtered keyset page of progress reports (the records behind a figure). */
export function useReports(query: ReportListQuery, enabled = true) {
  return useQuery({
    queryKey: [...workplanKeys.reports, query],
    queryFn: () => get<ReportPage>('/api/workplans/reports', query),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** The fields of a progress report; the evidence goes along as files. */
export interface ReportSubmission {
  taskId: number;
  targetId?: number;
  orgId?: number;
  value?: number;
  narrative: string;
  reportDate: string;
  files: File[];
}

/** Sends a progress report with its evidence as one multipart form. */
export function useSubmitReport() {
  return useInvalidatingMutation(
    ({ files, ...fields }: ReportSubmission) => {
      const form = new FormData();
      for (const [key, value] of Object.entries(fields)) {
        if (value !== undefined && value !== null) form.append(key, String(value));
      }
      for (const file of files) form.append('files', file, file.name);
      return upload<ReportView>('/api/workplans/reports', form);
    },
    [workplanKeys.todo, workplanKeys.reports, ['workplans', 'dashboard']],
  );
}

/** Accepts a report, or returns it with a comment the reporting unit reads. */
export function useReviewReport() {
  return useInvalidatingMutation(
    ({ id, ...body }: ReviewInput & { id: number }) =>
      request<ReportView>('POST', `/api/workplans/reports/${id}/review`, body),
    [workplanKeys.reports, ['workplans', 'dashboard'], workplanKeys.todo],
  );
}

/** The supervision comments (督查意见) on a task the caller may see; disabled without a task. */
export function useComments(taskId: number | null) {
  return useQuery({
    queryKey: workplanKeys.comments(taskId ?? 0),
    queryFn: () => get<z.infer<typeof commentList>>(`/api/workplans/tasks/${taskId}/comments`),
    select: (data) => data.items,
    enabled: !!taskId,
  });
}

/** Adds a supervision comment on a task, optionally about one unit (which is notified). */
export function useAddComment() {
  return useInvalidatingMutation(
    ({ taskId, ...body }: CommentInput & { taskId: number }) =>
      request<CommentView>('POST', `/api/workplans/tasks/${taskId}/comments`, body),
    [['workplans', 'comments']],
  );
}

/** Splits an org's share of a target among its direct children (层层分解). */
export function useSplitAllotment() {
  return useInvalidatingMutation(
    (body: SplitInput) => request<{ parts: number; sum: number }>('POST', '/api/workplans/allotments/split', body),
    [workplanKeys.todo, ['workplans', 'dashboard']],
  );
}
