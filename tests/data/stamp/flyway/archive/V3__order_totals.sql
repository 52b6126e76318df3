ALTER TABLE billing.orders ADD COLUMN total numeric;
