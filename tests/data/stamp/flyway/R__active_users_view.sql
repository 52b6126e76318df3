CREATE OR REPLACE VIEW billing.active_users AS SELECT * FROM billing.users;
