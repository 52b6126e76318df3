DROP TABLE billing.orders;
