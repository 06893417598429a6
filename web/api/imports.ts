import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  importCommitResponse,
  importErrorPage,
  importPage,
  importPreview,
  importView,
  progressResponse,
} from '../../shared/schemas/imports';
import { get, request, upload } from './client';

/** The answer to an upload: counts and the first errors, by spreadsheet row. */
export type ImportPreview = z.infer<typeof importPreview>;
/** One import of the history, with its commit progress while it runs. */
export type ImportView = z.infer<typeof importView>;
export type ImportPage = z.infer<typeof importPage>;
export type ImportErrorPage = z.infer<typeof importErrorPage>;
export type ImportCommitResult = z.infer<typeof importCommitResponse>;

export const importTemplateUrl = '/api/members/imports/template';
export const importReportUrl = (id: number) => `/api/members/imports/${id}/report`;

const importKeys = {
  all: ['member-imports'] as const,
  list: (cursor: string | undefined) => ['member-imports', 'list', cursor] as const,
  one: (id: number) => ['member-imports', 'one', id] as const,
  errors: (id: number, cursor: string | undefined) => ['member-imports', 'errors', id, cursor] as const,
};

/** Uploads a roster file; the server validates every row before it answers. */
export function uploadRoster(
  file: File,
  options: { orgId?: number; progressKey: string },
  onProgress?: (sent: number, total: number) => void,
) {
  const form = new FormData();
  if (options.orgId) form.append('orgId', String(options.orgId));
  form.append('progressKey', options.progressKey);
  form.append('file', file);
  return upload<ImportPreview>('/api/members/imports', form, onProgress);
}

/** Rows validated so far of the upload under `key`, polled while the server works. */
export function useUploadProgress(key: string | null) {
  return useQuery({
    queryKey: ['member-imports', 'progress', key],
    queryFn: () => get<z.infer<typeof progressResponse>>('/api/members/imports/progress', { key }),
    enabled: key !== null,
    refetchInterval: 800,
  });
}

/** One import; polled every second while `watch` is set (a commit is running). */
export function useImport(id: number | null, watch = false) {
  return useQuery({
    queryKey: importKeys.one(id ?? 0),
    queryFn: () => get<ImportView>(`/api/members/imports/${id}`),
    enabled: id !== null,
    refetchInterval: watch ? 1000 : false,
  });
}

/** The import history of the caller's subtree, newest first. */
export function useImports(cursor: string | undefined) {
  return useQuery({
    queryKey: importKeys.list(cursor),
    queryFn: () => get<ImportPage>('/api/members/imports', { cursor, limit: 10 }),
    placeholderData: keepPreviousData,
  });
}

/** The rejected rows of an import with their reasons. */
export function useImportErrors(id: number, cursor: string | undefined) {
  return useQuery({
    queryKey: importKeys.errors(id, cursor),
    queryFn: () => get<ImportErrorPage>(`/api/members/imports/${id}/errors`, { cursor, limit: 20 }),
    placeholderData: keepPreviousData,
  });
}

/** Commits an import; the roster, its totals and the history change. */
export function useCommitImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => request<ImportCommitResult>('POST', `/api/members/imports/${id}/commit`),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: importKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['members'] }),
        queryClient.invalidateQueries({ queryKey: ['orgs'] }),
      ]),
  });
}

/** Refreshes the history after an upload. */
export function useRefreshImports() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: importKeys.all });
}
