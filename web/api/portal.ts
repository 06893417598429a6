import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { portalHomeResponse } from '../../shared/schemas/system';
import { get } from './client';

export type PortalHome = z.infer<typeof portalHomeResponse>;

/** The member's greeting name and union card. */
export function usePortalHome() {
  return useQuery({ queryKey: ['portal', 'home'], queryFn: () => get<PortalHome>('/api/portal/home') });
}
