CREATE TABLE `accounts` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	CONSTRAINT "accounts_role_check" CHECK("accounts"."role" IN ('ar', 'ar_retainage', 'fc_receivable', 'tax_payable', 'write_off', 'fc_write_off')),
	CONSTRAINT "accounts_default_is_write_off_check" CHECK("accounts"."is_default" = 0 OR ("accounts"."role" = 'write_off' AND "accounts"."active" = 1))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_one_default_write_off_idx` ON `accounts` (`role`) WHERE "accounts"."is_default" = 1;--> statement-breakpoint
CREATE TABLE `approver_limits` (
	`user_id` text NOT NULL,
	`currency` text NOT NULL,
	`limit_minor` integer NOT NULL,
	PRIMARY KEY(`user_id`, `currency`),
	CONSTRAINT "approver_limits_limit_check" CHECK("approver_limits"."limit_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at_ms` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`request_id` text,
	`details_json` text DEFAULT '{}' NOT NULL,
	`slack_channel` text,
	`slack_ts` text,
	`preview_hash` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_request_idx` ON `audit_log` (`request_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at_ms`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_lower` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customers_name_lower_idx` ON `customers` (`name_lower`);--> statement-breakpoint
CREATE TABLE `drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`payload_json` text NOT NULL,
	`created_at_ms` integer NOT NULL,
	`updated_at_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `drafts_user_idx` ON `drafts` (`user_id`,`updated_at_ms`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at_ms` integer NOT NULL,
	`source` text NOT NULL,
	`invoices_in_file` integer NOT NULL,
	`lines_in_file` integer NOT NULL,
	`on_account_in_file` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `invoice_lines` (
	`invoice_number` text NOT NULL,
	`line` integer NOT NULL,
	`description` text NOT NULL,
	`due_minor` integer NOT NULL,
	`tax_minor` integer NOT NULL,
	`retainage_minor` integer NOT NULL,
	`finance_charge_minor` integer NOT NULL,
	PRIMARY KEY(`invoice_number`, `line`),
	FOREIGN KEY (`invoice_number`) REFERENCES `invoices`(`number`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "invoice_lines_line_check" CHECK("invoice_lines"."line" >= 1),
	CONSTRAINT "invoice_lines_parts_check" CHECK(("invoice_lines"."due_minor" >= 0 AND "invoice_lines"."tax_minor" >= 0 AND "invoice_lines"."retainage_minor" >= 0
        AND "invoice_lines"."finance_charge_minor" >= 0
        AND "invoice_lines"."tax_minor" + "invoice_lines"."retainage_minor" + "invoice_lines"."finance_charge_minor" <= "invoice_lines"."due_minor")
      OR ("invoice_lines"."due_minor" <= 0 AND "invoice_lines"."tax_minor" <= 0 AND "invoice_lines"."retainage_minor" <= 0
        AND "invoice_lines"."finance_charge_minor" <= 0
        AND "invoice_lines"."tax_minor" + "invoice_lines"."retainage_minor" + "invoice_lines"."finance_charge_minor" >= "invoice_lines"."due_minor"))
);
--> statement-breakpoint
CREATE TABLE `invoices` (
	`number` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`invoice_on` text NOT NULL,
	`due_on` text NOT NULL,
	`open_minor` integer NOT NULL,
	`content_hash` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`last_import_id` integer,
	`updated_at_ms` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`last_import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "invoices_version_check" CHECK("invoices"."version" >= 1)
);
--> statement-breakpoint
CREATE INDEX `invoices_customer_number_idx` ON `invoices` (`customer_id`,`number`);--> statement-breakpoint
CREATE INDEX `invoices_invoice_on_idx` ON `invoices` (`invoice_on`);--> statement-breakpoint
CREATE TABLE `journal_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference` text NOT NULL,
	`kind` text NOT NULL,
	`request_id` text NOT NULL,
	`period` text NOT NULL,
	`entry_on` text NOT NULL,
	`currency` text NOT NULL,
	`reverses_entry_id` integer,
	`created_at_ms` integer NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `write_off_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`period`) REFERENCES `periods`(`name`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reverses_entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "journal_entries_kind_check" CHECK("journal_entries"."kind" IN ('write_off', 'reversal')),
	CONSTRAINT "journal_entries_reverses_check" CHECK(("journal_entries"."kind" = 'reversal') = ("journal_entries"."reverses_entry_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `journal_entries_reference_idx` ON `journal_entries` (`reference`);--> statement-breakpoint
CREATE INDEX `journal_entries_period_idx` ON `journal_entries` (`period`);--> statement-breakpoint
CREATE INDEX `journal_entries_request_idx` ON `journal_entries` (`request_id`);--> statement-breakpoint
CREATE TABLE `journal_postings` (
	`entry_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`account` text NOT NULL,
	`debit_minor` integer NOT NULL,
	`credit_minor` integer NOT NULL,
	`customer_id` text,
	`invoice_number` text,
	`line` integer,
	`on_account_id` text,
	PRIMARY KEY(`entry_id`, `seq`),
	FOREIGN KEY (`entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account`) REFERENCES `accounts`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "journal_postings_one_side_check" CHECK("journal_postings"."debit_minor" >= 0 AND "journal_postings"."credit_minor" >= 0
        AND ("journal_postings"."debit_minor" > 0) + ("journal_postings"."credit_minor" > 0) = 1)
);
--> statement-breakpoint
CREATE INDEX `journal_postings_account_idx` ON `journal_postings` (`account`);--> statement-breakpoint
CREATE INDEX `journal_postings_invoice_idx` ON `journal_postings` (`invoice_number`);--> statement-breakpoint
CREATE TABLE `on_account_items` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`item_on` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`last_import_id` integer,
	`updated_at_ms` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`last_import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `on_account_items_customer_idx` ON `on_account_items` (`customer_id`,`id`);--> statement-breakpoint
CREATE TABLE `periods` (
	`name` text PRIMARY KEY NOT NULL,
	`start_on` text NOT NULL,
	`end_on` text NOT NULL,
	`closed` integer NOT NULL,
	CONSTRAINT "periods_range_check" CHECK("periods"."start_on" <= "periods"."end_on")
);
--> statement-breakpoint
CREATE INDEX `periods_start_on_idx` ON `periods` (`start_on`);--> statement-breakpoint
CREATE TABLE `request_invoice_locks` (
	`invoice_number` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	FOREIGN KEY (`invoice_number`) REFERENCES `invoices`(`number`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `write_off_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_invoice_locks_request_idx` ON `request_invoice_locks` (`request_id`);--> statement-breakpoint
CREATE TABLE `request_on_account_locks` (
	`on_account_id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	FOREIGN KEY (`on_account_id`) REFERENCES `on_account_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `write_off_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_on_account_locks_request_idx` ON `request_on_account_locks` (`request_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `slack_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text,
	`kind` text NOT NULL,
	`payload_json` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_at_ms` integer NOT NULL,
	`last_error` text,
	`created_at_ms` integer NOT NULL,
	`sent_at_ms` integer,
	FOREIGN KEY (`request_id`) REFERENCES `write_off_requests`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "slack_outbox_status_check" CHECK("slack_outbox"."status" IN ('pending', 'sent', 'failed')),
	CONSTRAINT "slack_outbox_attempts_check" CHECK("slack_outbox"."attempts" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `slack_outbox_dedupe_key_idx` ON `slack_outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `slack_outbox_due_idx` ON `slack_outbox` (`status`,`next_at_ms`);--> statement-breakpoint
CREATE TABLE `user_roles` (
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`user_id`, `role`),
	CONSTRAINT "user_roles_role_check" CHECK("user_roles"."role" IN ('clerk', 'approver', 'manager', 'admin'))
);
--> statement-breakpoint
CREATE TABLE `write_off_request_lines` (
	`request_id` text NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`customer_id` text NOT NULL,
	`invoice_number` text,
	`line` integer,
	`on_account_id` text,
	`item_version` integer NOT NULL,
	`amount_minor` integer NOT NULL,
	`tax_minor` integer NOT NULL,
	`retainage_minor` integer NOT NULL,
	`finance_charge_minor` integer NOT NULL,
	`account` text NOT NULL,
	`comment` text,
	PRIMARY KEY(`request_id`, `seq`),
	FOREIGN KEY (`request_id`) REFERENCES `write_off_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_number`) REFERENCES `invoices`(`number`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`on_account_id`) REFERENCES `on_account_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account`) REFERENCES `accounts`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "write_off_request_lines_kind_check" CHECK("write_off_request_lines"."kind" IN ('invoice', 'on_account')),
	CONSTRAINT "write_off_request_lines_target_check" CHECK(("write_off_request_lines"."kind" = 'invoice' AND "write_off_request_lines"."invoice_number" IS NOT NULL AND "write_off_request_lines"."line" IS NOT NULL
          AND "write_off_request_lines"."on_account_id" IS NULL)
        OR ("write_off_request_lines"."kind" = 'on_account' AND "write_off_request_lines"."on_account_id" IS NOT NULL
          AND "write_off_request_lines"."invoice_number" IS NULL AND "write_off_request_lines"."line" IS NULL))
);
--> statement-breakpoint
CREATE INDEX `write_off_request_lines_invoice_idx` ON `write_off_request_lines` (`invoice_number`);--> statement-breakpoint
CREATE INDEX `write_off_request_lines_on_account_idx` ON `write_off_request_lines` (`on_account_id`);--> statement-breakpoint
CREATE TABLE `write_off_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`mode` text NOT NULL,
	`status` text NOT NULL,
	`customer_id` text,
	`period` text NOT NULL,
	`write_off_on` text NOT NULL,
	`method` text,
	`account` text,
	`comment` text,
	`reason` text,
	`criteria_json` text,
	`currency` text NOT NULL,
	`total_minor` integer NOT NULL,
	`requester` text NOT NULL,
	`approver` text,
	`rejection_reason` text,
	`preview_hash` text NOT NULL,
	`policy_version` text NOT NULL,
	`created_at_ms` integer NOT NULL,
	`decided_at_ms` integer,
	`posted_entry_id` integer,
	`reversal_entry_id` integer,
	`slack_channel` text,
	`slack_ts` text,
	`slack_thread_ts` text,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`period`) REFERENCES `periods`(`name`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account`) REFERENCES `accounts`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "write_off_requests_mode_check" CHECK("write_off_requests"."mode" IN ('manual', 'finance-charge', 'invoice-balance', 'account-balance')),
	CONSTRAINT "write_off_requests_status_check" CHECK("write_off_requests"."status" IN ('draft', 'pending', 'approved', 'posted', 'rejected', 'stale', 'cancelled', 'reversed')),
	CONSTRAINT "write_off_requests_method_check" CHECK("write_off_requests"."method" IS NULL OR "write_off_requests"."method" IN ('entry', 'line-item')),
	CONSTRAINT "write_off_requests_approver_check" CHECK("write_off_requests"."approver" IS NULL OR "write_off_requests"."approver" <> "write_off_requests"."requester"),
	CONSTRAINT "write_off_requests_rejection_check" CHECK("write_off_requests"."status" <> 'rejected' OR length(trim(coalesce("write_off_requests"."rejection_reason", ''))) > 0)
);
--> statement-breakpoint
CREATE INDEX `write_off_requests_status_idx` ON `write_off_requests` (`status`,`created_at_ms`);--> statement-breakpoint
CREATE INDEX `write_off_requests_requester_idx` ON `write_off_requests` (`requester`,`created_at_ms`);