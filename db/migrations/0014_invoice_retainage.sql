-- Σ line retainage per invoice, kept with the lines like open_minor: a finance-charge run reads it
-- instead of summing the lines it leaves out, so the index that served that sum goes
-- (docs/decisions/320-automatic-preview-snapshot-and-invoice-retainage.md).
DROP INDEX `invoice_lines_unread_retainage_idx`;--> statement-breakpoint
ALTER TABLE `invoices` ADD `retainage_minor` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `invoices` SET `retainage_minor` = (SELECT coalesce(sum(`retainage_minor`), 0)
  FROM `invoice_lines` WHERE `invoice_number` = `invoices`.`number`)
WHERE `number` IN (SELECT `invoice_number` FROM `invoice_lines` WHERE `retainage_minor` <> 0);
