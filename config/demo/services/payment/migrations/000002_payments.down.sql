DROP TABLE IF EXISTS payments;
DROP TYPE IF EXISTS payment_status;
