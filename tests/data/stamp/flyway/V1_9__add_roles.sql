CREATE TABLE billing.roles (id bigint PRIMARY KEY);
