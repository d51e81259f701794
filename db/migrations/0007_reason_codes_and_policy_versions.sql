CREATE TABLE `policy_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` text NOT NULL,
	`content_hash` text NOT NULL,
	`content_json` text NOT NULL,
	`source` text NOT NULL,
	`loaded_at_ms` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `write_off_requests` ADD `reason_code` text;--> statement-breakpoint
ALTER TABLE `write_off_requests` ADD `evidence` text;