DROP MATERIALIZED VIEW IF EXISTS payment_monthly_revenue;
DROP TABLE IF EXISTS invoices;
DROP SEQUENCE IF EXISTS invoice_number_seq;
