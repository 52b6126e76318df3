CREATE TABLE billing.orders (id bigint PRIMARY KEY);
