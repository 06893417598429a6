import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { changePasswordBody, loginBody, meResponse, systemInfoResponse } from '../../shared/schemas/auth';
import type { okResponse } from '../../shared/schemas/common';
import { get, request, setCsrfToken } from './client';

export type Me = z.infer<typeof meResponse>;
export type LoginInput = z.input<typeof loginBody>;
export type ChangePasswordInput = z.input<typeof changePasswordBody>;
export type SystemInfo = z.infer<typeof systemInfoResponse>;
type Ok = z.infer<typeof okResponse>;

export const meKey = ['me'] as const;

async function fetchMe(): Promise<Me> {
  const me = await get<Me>('/api/me');
  setCsrfToken(me.csrfToken);
  return me;
}

/** The signed-in account, its grants and permission codes; an ApiError 401 when signed out. */
export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/** Signs in; the answer is the same as /api/me, so it seeds that query. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginInput) => request<Me>('POST', '/api/auth/login', body),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      // Another account's cached data must not leak into this session.
      queryClient.clear();
      queryClient.setQueryData(meKey, me);
    },
  });
}

/** Signs out and forgets everything cached for this account. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => request<Ok>('POST', '/api/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
    },
  });
}

/** Changes the caller's own password; the current session stays signed in. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordInput) => request<Ok>('POST', '/api/auth/password', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}

/** Deployment name and, in demo mode, the demo accounts for the login page. */
export function useSystemInfo() {
  return useQuery({
    queryKey: ['system-info'],
    queryFn: () => get<SystemInfo>('/api/system/info'),
    staleTime: Infinity,
  });
}
