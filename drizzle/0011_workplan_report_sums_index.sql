DROP INDEX "workplan_reports_document_idx";--> statement-breakpoint
CREATE INDEX "workplan_reports_sums_idx" ON "workplan_reports" USING btree ("document_id","target_id","org_path","status","value");