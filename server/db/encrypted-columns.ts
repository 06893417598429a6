import type { KeyRing, RotationResult } from '../lib/pii';
import { rotateColumn } from '../lib/pii';
import type { Db } from './client';

/**
 * Every column that holds field-encrypted personal data. Key rotation walks all of them; a module that
 * adds an encrypted column adds it here.
 */
export const encryptedColumns = [
  { table: 'members', idColumn: 'id', columns: ['id_number_enc', 'mobile_enc'] },
  { table: 'member_corrections', idColumn: 'id', columns: ['mobile_enc'] },
  { table: 'member_joins', idColumn: 'id', columns: ['id_number_enc', 'mobile_enc'] },
  { table: 'member_import_rows', idColumn: 'id', columns: ['id_number_enc', 'mobile_enc', 'raw_enc'] },
  { table: 'assistance_cases', idColumn: 'id', columns: ['bank_account_enc'] },
  { table: 'hardship_files', idColumn: 'id', columns: ['phone_enc'] },
] as const;

/** Re-encrypts every encrypted column with the active key; safe while the platform serves traffic. */
export async function rotateAllKeys(
  db: Db,
  ring: KeyRing,
  onProgress?: (table: string, progress: RotationResult) => void,
): Promise<Record<string, RotationResult>> {
  const results: Record<string, RotationResult> = {};
  for (const target of encryptedColumns) {
    results[target.table] = await rotateColumn(db, { ...target, columns: [...target.columns] }, ring, {
      onProgress: (p) => onProgress?.(target.table, p),
    });
  }
  return results;
}
