ALTER TABLE "member_import_rows" DROP CONSTRAINT "member_import_rows_import_id_member_imports_id_fk";
