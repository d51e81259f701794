CREATE TABLE `write_off_request_items` (
	`request_id` text NOT NULL,
	`seq` integer NOT NULL,
	`customer_id` text NOT NULL,
	`invoice_number` text,
	`on_account_id` text,
	`item_on` text,
	`amount_minor` integer NOT NULL,
	PRIMARY KEY(`request_id`, `seq`),
	FOREIGN KEY (`request_id`) REFERENCES `write_off_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Requests made before this table existed: their items from their lines (ADR 217).
INSERT INTO `write_off_request_items` (`request_id`, `seq`, `customer_id`, `invoice_number`,
  `on_account_id`, `item_on`, `amount_minor`)
SELECT l.`request_id`, min(l.`seq`), min(l.`customer_id`), l.`invoice_number`, l.`on_account_id`,
  coalesce(min(i.`invoice_on`), min(o.`item_on`)), sum(l.`amount_minor`)
FROM `write_off_request_lines` l
LEFT JOIN `invoices` i ON i.`number` = l.`invoice_number`
LEFT JOIN `on_account_items` o ON o.`id` = l.`on_account_id`
GROUP BY l.`request_id`, l.`invoice_number`, l.`on_account_id`;
