import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  accountListQuery,
  accountPage,
  accountView,
  createAccountBody,
  endSessionsResponse,
  grantInput,
  sessionList,
  updateAccountBody,
} from '../../shared/schemas/accounts';
import { get, request } from './client';
import { useInvalidatingMutation } from './mutations';

export type AccountView = z.infer<typeof accountView>;
export type AccountPage = z.infer<typeof accountPage>;
export type AccountListQuery = z.input<typeof accountListQuery>;
export type CreateAccountInput = z.input<typeof createAccountBody>;
export type UpdateAccountInput = z.input<typeof updateAccountBody>;
export type GrantInput = z.input<typeof grantInput>;
export type SessionView = z.infer<typeof sessionList>['items'][number];

const accountKeys = {
  all: ['accounts'] as const,
  list: (query: AccountListQuery) => ['accounts', 'list', query] as const,
  sessions: (id: number) => ['accounts', 'sessions', id] as const,
};

/** A filtered page of accounts in the caller's scope, newest first. */
export function useAccounts(query: AccountListQuery) {
  return useQuery({
    queryKey: accountKeys.list(query),
    queryFn: () => get<AccountPage>('/api/accounts', query),
    placeholderData: keepPreviousData,
  });
}

/** The live sessions of one account; disabled without an id. */
export function useAccountSessions(id: number | null, enabled = true) {
  return useQuery({
    queryKey: accountKeys.sessions(id ?? 0),
    queryFn: () => get<z.infer<typeof sessionList>>(`/api/accounts/${id}/sessions`),
    select: (data) => data.items,
    enabled: !!id && enabled,
  });
}

// Creating an account changes the account count on the home page's statistics too.
const afterAccountChange = [accountKeys.all, ['orgs', 'stats']];

export function useCreateAccount() {
  return useInvalidatingMutation(
    (body: CreateAccountInput) => request<AccountView>('POST', '/api/accounts', body),
    afterAccountChange,
  );
}

export function useUpdateAccount() {
  return useInvalidatingMutation(
    ({ id, body }: { id: number; body: UpdateAccountInput }) =>
      request<AccountView>('PATCH', `/api/accounts/${id}`, body),
    [accountKeys.all],
  );
}

export function useGrantRole() {
  return useInvalidatingMutation(
    ({ id, body }: { id: number; body: GrantInput }) =>
      request<AccountView>('POST', `/api/accounts/${id}/grants`, body),
    [accountKeys.all],
  );
}

export function useRevokeGrant() {
  return useInvalidatingMutation(
    ({ id, grantId }: { id: number; grantId: number }) =>
      request<AccountView>('DELETE', `/api/accounts/${id}/grants/${grantId}`),
    [accountKeys.all],
  );
}

export function useResetPassword() {
  return useInvalidatingMutation(
    ({ id, password }: { id: number; password: string }) =>
      request<AccountView>('POST', `/api/accounts/${id}/reset-password`, { password }),
    [accountKeys.all],
  );
}

/** Locks or unlocks an account (these routes take no body). */
export function useSetLocked() {
  return useInvalidatingMutation(
    ({ id, locked }: { id: number; locked: boolean }) =>
      request<AccountView>('POST', `/api/accounts/${id}/${locked ? 'lock' : 'unlock'}`),
    [accountKeys.all],
  );
}

/** Ends every live session of an account; answers how many were ended. */
export function useEndSessions() {
  return useInvalidatingMutation(
    (id: number) => request<z.infer<typeof endSessionsResponse>>('POST', `/api/accounts/${id}/sessions/end`),
    [accountKeys.all],
  );
}
