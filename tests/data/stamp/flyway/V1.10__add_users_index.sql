CREATE INDEX users_id_idx ON billing.users (id);
