import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { cardVerifyResponse, portalCardResponse, selfMemberView } from '../../shared/schemas/members';
import type { portalHomeResponse } from '../../shared/schemas/system';
import { get } from './client';

export type PortalHome = z.infer<typeof portalHomeResponse>;
export type PortalCard = z.infer<typeof portalCardResponse>;
export type CardVerification = z.infer<typeof cardVerifyResponse>;
export type SelfMember = z.infer<typeof selfMemberView>;

/** The member's greeting name and union card. */
export function usePortalHome() {
  return useQuery({ queryKey: ['portal', 'home'], queryFn: () => get<PortalHome>('/api/portal/home') });
}

/** The member's electronic card with a fresh QR token; 404 members/not_linked before a member record exists. */
export function usePortalCard() {
  return useQuery({ queryKey: ['portal', 'card'], queryFn: () => get<PortalCard>('/api/portal/card') });
}

/** A service point's check of a scanned card token; public, so it works without signing in. */
export function useCardVerification(token: string) {
  return useQuery({
    queryKey: ['cards', 'verify', token],
    queryFn: () => get<CardVerification>('/api/cards/verify', { token }),
    enabled: token !== '',
    staleTime: 0,
  });
}

/** The member's own record, with their own numbers; 404 members/not_linked before a member record exists. */
export function usePortalMember() {
  return useQuery({ queryKey: ['portal', 'member'], queryFn: () => get<SelfMember>('/api/portal/member') });
}
