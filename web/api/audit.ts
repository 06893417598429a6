import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { auditPage, auditQuery, auditView } from '../../shared/schemas/audit';
import { get } from './client';

export type AuditEntry = z.infer<typeof auditView>;
export type AuditQuery = z.input<typeof auditQuery>;

/** A filtered page of the audit log, newest first. */
export function useAuditLog(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: () => get<z.infer<typeof auditPage>>('/api/audit', query),
    placeholderData: keepPreviousData,
  });
}
