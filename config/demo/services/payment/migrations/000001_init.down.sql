DROP TABLE IF EXISTS subscriptions;
DROP TABLE IF EXISTS plans;
DROP TYPE IF EXISTS subscription_status;
DROP DOMAIN IF EXISTS currency_code;
