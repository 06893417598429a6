import type { ModuleEntries } from './types';

/** The matrix entries of each later module (one import and one list item per module). */
export const moduleEntries: ModuleEntries[] = [];
