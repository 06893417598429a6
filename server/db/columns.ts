import { customType, integer, text, timestamp } from 'drizzle-orm/pg-core';

/** Binary content (uploaded photos and documents) as a Buffer on both drivers (PGlite answers Uint8Array). */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * The columns every table of uploaded files has besides its id and owner key: the name as uploaded, the
 * type read from the first bytes, size, SHA-256 and the bytes. Rows come from `storedFileRow`.
 */
export const storedFileColumns = () => ({
  fileName: text('file_name').notNull(),
  mime: text().notNull(),
  size: integer().notNull(),
  sha256: text().notNull(),
  content: bytea().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
