ALTER TABLE "member_imports" ADD COLUMN "committed_by_name" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "import_id" bigint;--> statement-breakpoint
-- Imports committed before this column existed: their committer's current name.
UPDATE "member_imports" SET "committed_by_name" = a."display_name" FROM "accounts" a WHERE a."id" = "member_imports"."committed_by";
