ALTER TABLE `write_off_requests` ADD `decided_policy_version` text;--> statement-breakpoint
ALTER TABLE `write_off_requests` ADD `revises` text REFERENCES write_off_requests(id);--> statement-breakpoint
CREATE UNIQUE INDEX `write_off_requests_revises_idx` ON `write_off_requests` (`revises`) WHERE "write_off_requests"."revises" IS NOT NULL;