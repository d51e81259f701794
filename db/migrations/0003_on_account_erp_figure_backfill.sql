-- Backfill of on_account_items.erp_amount_minor (ADR 031): the amount the ERP file last
-- stated. Before this column, every re-import set amount_minor to the file's figure, so at
-- the item's last import the live amount equalled the ERP's; postings and reversals since
-- then moved it. Undo those moves to recover the ERP figure. An item the latest import did
-- not list was settled (ERP figure 0). A posting in the same millisecond as that import is
-- taken as later than it.
UPDATE `on_account_items` SET `erp_amount_minor` = CASE
  WHEN `last_import_id` IS NOT (SELECT max(`id`) FROM `imports`) THEN 0
  ELSE `amount_minor` + coalesce((
    SELECT sum(CASE e.`kind` WHEN 'write_off' THEN l.`amount_minor` ELSE -l.`amount_minor` END)
    FROM `write_off_request_lines` l
    JOIN `journal_entries` e ON e.`request_id` = l.`request_id`
    WHERE l.`on_account_id` = `on_account_items`.`id`
      AND e.`created_at_ms` >= (
        SELECT i.`at_ms` FROM `imports` i WHERE i.`id` = `on_account_items`.`last_import_id`)
  ), 0)
END;
