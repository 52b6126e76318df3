-- Company service: initial schema.
CREATE TYPE postal_address AS (
    line1       text,
    line2       text,
    postal_code text,
    city        text,
    country     char(2)
);

CREATE FUNCTION is_valid_siret(siret text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT AS
$$ SELECT siret ~ '^[0-9]{14}$' AND substr(siret, 1, 9) <> '000000000' $$;

CREATE TABLE companies (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL,
    slug        text NOT NULL UNIQUE,
    siret       text CONSTRAINT companies_siret_valid CHECK (siret IS NULL OR is_valid_siret(siret)),
    owner_id    uuid NOT NULL,   -- an auth user
    hq_address  postal_address,
    sector      text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE team_members (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    user_id    uuid NOT NULL,
    role       text NOT NULL,
    joined_at  timestamptz NOT NULL,
    CONSTRAINT team_members_company_user_key UNIQUE (company_id, user_id)
);
