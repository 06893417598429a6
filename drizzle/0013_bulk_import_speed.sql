-- A bulk import's commit writes a history row per member beside the member itself: the per-row foreign-key
-- check cost a fifth of it (see member_history in members.tables.ts).
ALTER TABLE "member_history" DROP CONSTRAINT "member_history_member_id_members_id_fk";--> statement-breakpoint
-- Blind indexes become the first 128 bits of their HMAC-SM3, as uuid (see blindIndex in server/lib/pii/cipher.ts):
-- the first 32 hex digits of the old 64-digit text are exactly those bits, so existing rows keep matching.
ALTER TABLE "member_import_rows"
  ALTER COLUMN "id_number_index" SET DATA TYPE uuid USING left("id_number_index", 32)::uuid,
  ALTER COLUMN "mobile_index" SET DATA TYPE uuid USING left("mobile_index", 32)::uuid;--> statement-breakpoint
ALTER TABLE "member_joins"
  ALTER COLUMN "id_number_index" SET DATA TYPE uuid USING left("id_number_index", 32)::uuid;--> statement-breakpoint
ALTER TABLE "members"
  ALTER COLUMN "id_number_index" SET DATA TYPE uuid USING left("id_number_index", 32)::uuid,
  ALTER COLUMN "mobile_index" SET DATA TYPE uuid USING left("mobile_index", 32)::uuid;
