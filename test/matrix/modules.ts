import { assistanceEntries } from './assistance.entries';
import { hardshipEntries } from './hardship.entries';
import { recuperationEntries } from './recuperation.entries';
import type { ModuleEntries } from './types';
import { visitsEntries } from './visits.entries';

/** The matrix entries of each later module (one import and one list item per module). */
export const moduleEntries: ModuleEntries[] = [visitsEntries, hardshipEntries, recuperationEntries, assistanceEntries];
