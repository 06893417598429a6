-- Staged import rows live minutes, between a preview and its commit: they need no WAL. After a crash
-- an unlogged table comes back empty, and the cadre uploads the file again.
ALTER TABLE "member_import_rows" SET UNLOGGED;
