ALTER TABLE companies ADD COLUMN logo bytea;
ALTER TABLE companies ADD COLUMN size_range int4range;
