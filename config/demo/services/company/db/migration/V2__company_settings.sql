CREATE DOMAIN email_address AS text
    CONSTRAINT email_address_format CHECK (VALUE ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$');
ALTER TABLE invitations ALTER COLUMN email TYPE email_address;

ALTER TABLE companies ADD COLUMN settings jsonb NOT NULL DEFAULT '{}';
CREATE INDEX companies_settings_gin ON companies USING gin (settings);
CREATE INDEX companies_name_lower_idx ON companies (lower(name) text_pattern_ops);
CREATE INDEX companies_owner_id_idx ON companies (owner_id);
