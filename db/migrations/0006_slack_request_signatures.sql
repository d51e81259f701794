CREATE TABLE `slack_request_signatures` (
	`signature` text PRIMARY KEY NOT NULL,
	`expires_at_sec` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `slack_request_signatures_expiry_idx` ON `slack_request_signatures` (`expires_at_sec`);