import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  portalTransferBody,
  transferInBody,
  transferList,
  transferListQuery,
  transferOutBody,
  transferPage,
  transferView,
} from '../../shared/schemas/transfers';
import { get, request } from './client';

// No antd here, and no zod values: the member portal uses this module too.

/** A transfer as the caller sees it (the member's name masked while outside the caller's scope). */
export type TransferView = z.infer<typeof transferView>;
export type TransferStatus = TransferView['status'];
export type TransferPage = z.infer<typeof transferPage>;
export type TransferListQuery = z.input<typeof transferListQuery>;
export type TransferOutInput = z.input<typeof transferOutBody>;
export type TransferInInput = z.input<typeof transferInBody>;
export type PortalTransferInput = z.input<typeof portalTransferBody>;

const transferKeys = {
  own: ['portal', 'transfers'] as const,
  lists: ['transfers', 'list'] as const,
  list: (query: TransferListQuery) => ['transfers', 'list', query] as const,
};

/** A page of the transfers touching the caller's subtree. */
export function useTransfers(query: TransferListQuery) {
  return useQuery({
    queryKey: transferKeys.list(query),
    queryFn: () => get<TransferPage>('/api/members/transfers', query),
    placeholderData: keepPreviousData,
  });
}

/** Starts a transfer from the union's side ('out': one of its members; 'in': a person by ID number). */
export function useStartTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { direction: 'out'; body: TransferOutInput } | { direction: 'in'; body: TransferInInput }) =>
      request<TransferView>('POST', `/api/members/transfers/${input.direction}`, input.body),
    onSuccess: (started) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: transferKeys.lists }),
        // A union over both sides moves the member at once.
        started.status === 'accepted' ? queryClient.invalidateQueries({ queryKey: ['members'] }) : null,
      ]),
  });
}

type Decision = { id: number; accept: true } | { id: number; accept: false; comment: string };

/** Accepts (the member moves) or declines a transfer waiting for the caller's side. */
export function useDecideTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (d: Decision) =>
      d.accept
        ? request<TransferView>('POST', `/api/members/transfers/${d.id}/accept`)
        : request<TransferView>('POST', `/api/members/transfers/${d.id}/decline`, { comment: d.comment }),
    onSuccess: (decided) => {
      queryClient.setQueriesData<TransferPage>({ queryKey: transferKeys.lists }, (page) =>
        page ? { ...page, items: page.items.map((item) => (item.id === decided.id ? decided : item)) } : page,
      );
      if (decided.status === 'accepted') return queryClient.invalidateQueries({ queryKey: ['members'] });
    },
    onError: () => queryClient.invalidateQueries({ queryKey: transferKeys.lists }),
  });
}

/** The signed-in member's own transfers, newest first. */
export function useOwnTransfers() {
  return useQuery({
    queryKey: transferKeys.own,
    queryFn: () => get<z.infer<typeof transferList>>('/api/portal/member/transfers'),
    select: (data) => data.items,
  });
}

/** The member asks to move to another union. */
export function useRequestTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PortalTransferInput) => request<TransferView>('POST', '/api/portal/member/transfers', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: transferKeys.own }),
  });
}
