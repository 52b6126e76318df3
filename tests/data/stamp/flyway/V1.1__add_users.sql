CREATE TABLE billing.users (id bigint PRIMARY KEY);
