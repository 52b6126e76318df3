CREATE TABLE billing.audit_log (id bigint PRIMARY KEY);
