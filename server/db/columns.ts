import { customType } from 'drizzle-orm/pg-core';

/** Binary content (uploaded photos and documents) as a Buffer on both drivers (PGlite answers Uint8Array). */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});
