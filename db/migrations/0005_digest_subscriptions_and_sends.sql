CREATE TABLE `digest_sends` (
	`user_id` text NOT NULL,
	`week` text NOT NULL,
	`timezone` text NOT NULL,
	`queued_at_ms` integer NOT NULL,
	`channel` text,
	`message_ts` text,
	`sent_at_ms` integer,
	PRIMARY KEY(`user_id`, `week`)
);
--> statement-breakpoint
CREATE TABLE `digest_subscriptions` (
	`user_id` text PRIMARY KEY NOT NULL,
	`active` integer NOT NULL,
	`weekday` integer DEFAULT 1 NOT NULL,
	`hour` integer DEFAULT 8 NOT NULL,
	`timezone` text,
	`profile_timezone` text,
	`active_since_ms` integer NOT NULL,
	`updated_at_ms` integer NOT NULL,
	CONSTRAINT "digest_subscriptions_weekday_check" CHECK("digest_subscriptions"."weekday" BETWEEN 1 AND 7),
	CONSTRAINT "digest_subscriptions_hour_check" CHECK("digest_subscriptions"."hour" BETWEEN 0 AND 23)
);
--> statement-breakpoint
CREATE INDEX `journal_entries_kind_created_idx` ON `journal_entries` (`kind`,`created_at_ms`);