CREATE TABLE `approver_delegations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`approver` text NOT NULL,
	`delegate` text NOT NULL,
	`from_on` text NOT NULL,
	`until_on` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at_ms` integer NOT NULL,
	`ended_at_ms` integer,
	CONSTRAINT "approver_delegations_range_check" CHECK("approver_delegations"."from_on" <= "approver_delegations"."until_on"),
	CONSTRAINT "approver_delegations_self_check" CHECK("approver_delegations"."approver" <> "approver_delegations"."delegate")
);
--> statement-breakpoint
CREATE INDEX `approver_delegations_delegate_idx` ON `approver_delegations` (`delegate`,`from_on`);--> statement-breakpoint
CREATE INDEX `approver_delegations_approver_idx` ON `approver_delegations` (`approver`,`from_on`);--> statement-breakpoint
CREATE TABLE `recoveries` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`invoice_number` text NOT NULL,
	`paid_minor` integer NOT NULL,
	`amount_minor` integer NOT NULL,
	`status` text NOT NULL,
	`import_id` integer,
	`created_at_ms` integer NOT NULL,
	`decided_by` text,
	`decided_at_ms` integer,
	`rejection_reason` text,
	`entry_id` integer,
	FOREIGN KEY (`request_id`) REFERENCES `write_off_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_number`) REFERENCES `invoices`(`number`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "recoveries_status_check" CHECK("recoveries"."status" IN ('pending', 'posted', 'rejected')),
	CONSTRAINT "recoveries_amount_check" CHECK("recoveries"."amount_minor" > 0 AND "recoveries"."paid_minor" > 0)
);
--> statement-breakpoint
CREATE INDEX `recoveries_request_idx` ON `recoveries` (`request_id`);--> statement-breakpoint
CREATE INDEX `recoveries_status_idx` ON `recoveries` (`status`,`created_at_ms`);--> statement-breakpoint
ALTER TABLE `invoices` ADD `erp_open_minor` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `write_off_requests` ADD `split_json` text;--> statement-breakpoint
-- Backfill of invoices.erp_open_minor (docs/decisions/228-recovery-after-payment.md), like
-- 0003 did for on-account items: the live open amount plus what postings since the invoice's
-- last import took off it (reversals put it back). An invoice the latest import did not list
-- was settled (ERP figure 0).
UPDATE `invoices` SET `erp_open_minor` = CASE
  WHEN `last_import_id` IS NOT (SELECT max(`id`) FROM `imports`) THEN 0
  ELSE `open_minor` + coalesce((
    SELECT sum(CASE e.`kind` WHEN 'write_off' THEN l.`amount_minor` ELSE -l.`amount_minor` END)
    FROM `write_off_request_lines` l
    JOIN `journal_entries` e ON e.`request_id` = l.`request_id`
    WHERE l.`invoice_number` = `invoices`.`number`
      AND e.`created_at_ms` >= (
        SELECT i.`at_ms` FROM `imports` i WHERE i.`id` = `invoices`.`last_import_id`)
  ), 0)
END;
