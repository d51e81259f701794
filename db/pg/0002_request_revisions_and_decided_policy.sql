ALTER TABLE "write_off_requests" ADD COLUMN "decided_policy_version" text;--> statement-breakpoint
ALTER TABLE "write_off_requests" ADD COLUMN "revises" text;--> statement-breakpoint
ALTER TABLE "write_off_requests" ADD CONSTRAINT "write_off_requests_revises_fk" FOREIGN KEY ("revises") REFERENCES "public"."write_off_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "write_off_requests_revises_idx" ON "write_off_requests" USING btree ("revises") WHERE "write_off_requests"."revises" IS NOT NULL;