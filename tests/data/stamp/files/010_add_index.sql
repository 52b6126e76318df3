CREATE INDEX ON users (email);
