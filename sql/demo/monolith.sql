-- =============================================================================
-- pgsplit demo: the "jobboard" monolith
-- =============================================================================
--
-- A job-board application that grew up on one PostgreSQL database and is now
-- being split into one database per service:
--
--   auth       users, roles, user_roles, refresh_tokens, admin_invitation_tokens
--   candidate  profiles, experiences, educations, certifications, skills,
--              job_preferences
--   company    companies, team_members, invitations
--   payment    plans, subscriptions, payments, invoices, quotas
--   document   documents
--   logs       notifications (notification service),
--              access_logs + its monthly partitions (audit service)
--
-- plus the monolith's own migration state (alembic_version,
-- alembic_version_auth), which pgsplit never copies: each new database is
-- stamped from its service's migration files instead (config/demo.yaml).
--
-- USAGE
--   createdb monolith
--   psql -v ON_ERROR_STOP=1 -v scale=0.3 -d monolith -f sql/demo/monolith.sql
--
--   * The database MUST be empty (the script refuses to run otherwise).  To
--     reload, drop and recreate the database.  Everything except the final
--     ANALYZE runs in one transaction, so a failed load leaves the database
--     empty again and the script can simply be rerun.
--   * scale (numeric, default 0.3) multiplies every row count except the
--     small lookup tables (roles, plans).  Sizes of the tables with their
--     indexes: 0.01 about 6 MB, 0.3 about 50 MB, 1 about 160 MB, 10 about
--     1.5 GB (pg_database_size adds some 7.5 MB for the system catalogs).
--     Load time on 2 cores: about 1 s at 0.01, 6 s at 0.3, 30 s at 1 and
--     6 to 10 minutes at 10.
--   * The data is deterministic: no random(), no now(); every value is
--     derived from the row number, so two loads at the same scale are
--     identical row for row (ids included).
--   * Needs PostgreSQL 14 or later (numeric 'Infinity', gen_random_uuid()
--     built in) and no extension.
--
-- WHAT THE SCHEMA EXERCISES (sections 1, 2, 6 and 7)
--   enum types, a domain with a CHECK (email_address) used by three services,
--   a domain with a default (currency_code), a composite type used by two
--   services (postal_address), a custom range type (salary_range) and
--   built-in range columns (tstzrange, int4range); uuid, identity (ALWAYS and
--   BY DEFAULT), serial and bigserial keys; a standalone sequence used by a
--   DEFAULT; jsonb, text[], int[] (also 2-D), bytea, numeric, double
--   precision, inet, timestamptz; STORED generated columns; a PL/pgSQL trigger
--   function shared by five services; SQL functions used by a CHECK and a
--   DEFAULT; a range-partitioned table with a DEFAULT partition; an UNLOGGED
--   table; comments; a view inside a service, a view spanning two services, a
--   materialized view; unique, partial, expression, GIN, GiST and BRIN indexes;
--   CHECK constraints (one NOT VALID, violated by legacy rows on purpose);
--   foreign keys inside services and across services (one DEFERRABLE).
--
--   Tricky values (NULL vs '', tab/newline/CR/backslash/quotes, "\N" and "\."
--   as text, unicode, NaN/Infinity, -0, float extremes, empty arrays, arrays
--   with NULLs, a bytea holding every byte 0-255, ~1 MB values, empty ranges,
--   'infinity' timestamps, jsonb null vs SQL NULL) are listed in section 5.
-- =============================================================================

\set ON_ERROR_STOP 1
\if :{?scale}
\else
\set scale 0.3
\endif

SET client_min_messages = warning;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET search_path = public;

-- Row counts, computed once.  Minimums keep every special row (section 5)
-- present even at tiny scales.
SELECT
    (s > 0)                                       AS scale_ok,
    greatest(50,  round(17600  * s))::int         AS n_users,
    greatest(5,   round(88     * s))::int         AS n_admin_invites,
    greatest(50,  round(26400  * s))::int         AS n_refresh_tokens,
    greatest(5,   round(1375   * s))::int         AS n_companies,
    greatest(20,  round(13750  * s))::int         AS n_documents,
    greatest(50,  round(42000  * s))::int         AS n_notifications,
    greatest(100, round(121000 * s))::int         AS n_access_logs
FROM (SELECT (:'scale')::numeric AS s) AS p
\gset
\if :scale_ok
\else
DO $$ BEGIN RAISE EXCEPTION 'monolith.sql: scale must be > 0'; END $$;
\endif

BEGIN;

-- Refuse to load into a database that already has user objects.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
                 AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%')
       OR EXISTS (SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                  WHERE n.nspname = 'public')
    THEN
        RAISE EXCEPTION 'monolith.sql expects an empty database; drop and recreate it first';
    END IF;
END
$$;

-- -----------------------------------------------------------------------------
-- Load-time helpers.  They live in pg_temp, so they vanish with the session
-- and are not part of the monolith.
-- -----------------------------------------------------------------------------

-- A cheap deterministic mixer: (row number, salt) -> 0 .. 4294967290.
-- i >= 0; salt in 0 .. 1000 keeps the product inside bigint.
CREATE FUNCTION pg_temp.h(i bigint, salt int) RETURNS bigint
    LANGUAGE sql IMMUTABLE AS
$$ SELECT (((i % 2147483647) + salt::bigint * 1000003) * 2654435761) % 4294967291 $$;

-- A deterministic uuid per (kind, row number).
CREATE FUNCTION pg_temp.uid(kind text, i bigint) RETURNS uuid
    LANGUAGE sql IMMUTABLE AS
$$ SELECT md5(kind || ':' || i)::uuid $$;

-- The first 32 bits of a uuid as a number.
CREATE FUNCTION pg_temp.uh(u uuid) RETURNS bigint
    LANGUAGE sql IMMUTABLE AS
$$ SELECT ('x' || substr(u::text, 1, 8))::bit(32)::bigint $$;

CREATE FUNCTION pg_temp.pick(arr text[], x bigint) RETURNS text
    LANGUAGE sql IMMUTABLE AS
$$ SELECT arr[1 + (x % array_length(arr, 1))::int] $$;

CREATE FUNCTION pg_temp.first_names() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$ SELECT
'{Camille,Léa,Louis,Hugo,Chloé,Inès,Lucas,Manon,Noé,Zoé,Amadou,Fatou,Mohamed,Yasmine,Thomas,Sarah,Julien,Émilie,François,Hélène,Gaëlle,Jérôme,Aïcha,Björn,Søren,Wei,Yuki,Ana,João,Paul,Nadia,Karim,Claire,Antoine,Mathilde,Olivier,Aurélie,Mamadou,Awa,Ibrahim}'::text[] $$;

CREATE FUNCTION pg_temp.last_names() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$ SELECT
'{Martin,Bernard,Dubois,Thomas,Robert,Richard,Petit,Durand,Leroy,Moreau,Simon,Laurent,Lefèvre,Michel,Garcia,David,Bertrand,Roux,Vincent,Fournier,Morel,Girard,André,Mercier,Dupont,Lambert,Bonnet,Martinez,N''Diaye,Diallo,Nguyen,Traoré,"Le Gall",Kerbrat,Koné,Benali,Haddad,Rousseau,Blanc,Guérin}'::text[] $$;

CREATE FUNCTION pg_temp.cities() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$ SELECT
'{Paris,Lyon,Marseille,Toulouse,Nantes,Bordeaux,Lille,Rennes,Strasbourg,Montpellier,Nice,Grenoble,Dijon,Brest,Abidjan,Dakar,Douala,Bruxelles,Genève,Montréal}'::text[] $$;

CREATE FUNCTION pg_temp.job_titles() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$ SELECT
'{"Développeur backend","Développeuse full-stack","Data engineer","Data scientist","Chef de projet","Product owner","DevOps engineer","Ingénieur QA","UX designer","Comptable","Commercial B2B","Responsable RH","Chargé de recrutement","Technicien support","Architecte cloud","Analyste financier","Juriste","Community manager","Assistant administratif","Directeur technique"}'::text[] $$;

CREATE FUNCTION pg_temp.skill_names() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$ SELECT
'{Python,Java,Go,Rust,C++,TypeScript,JavaScript,React,Vue.js,Angular,Node.js,Django,FastAPI,Spring,PostgreSQL,MySQL,Redis,Kafka,Docker,Kubernetes,Terraform,AWS,GCP,Azure,Linux,Git,"CI/CD",GraphQL,REST,gRPC,Scrum,Kanban,"Gestion de projet",Excel,SAP,Salesforce,Figma,Photoshop,SEO,Anglais,Espagnol,Allemand,Arabe,Comptabilité,Paie,Négociation,"Prise de parole",Leadership,Pandas,Spark,Airflow,"Machine learning",TensorFlow,PyTorch,SQL,NoSQL,Elasticsearch,Nginx,Ansible,Bash}'::text[] $$;

CREATE FUNCTION pg_temp.schools() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$ SELECT
'{"Université Paris-Saclay","Sorbonne Université","INSA Lyon","École Polytechnique","EPITA","Université de Bordeaux","Université de Nantes","IUT de Lannion","HEC Paris","ESSEC","Université Cheikh Anta Diop","Université Félix Houphouët-Boigny","Université Laval","EPFL","Université de Lille","Télécom Paris","Centrale Lyon","Université de Rennes","IMT Atlantique","Le Wagon"}'::text[] $$;

CREATE FUNCTION pg_temp.sectors() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$ SELECT
'{Logiciel,Banque,Assurance,Santé,Industrie,Retail,Logistique,Énergie,BTP,Conseil,Télécoms,"Secteur public",Éducation,Agroalimentaire,Tourisme}'::text[] $$;

CREATE FUNCTION pg_temp.words() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$ SELECT
'{conception,maintenance,"mise en production",équipe,client,migration,"base de données",performance,sécurité,qualité,automatisation,livraison,support,recrutement,formation,analyse,reporting,budget,architecture,tests,documentation,déploiement,API,"tableau de bord",roadmap,"relation client",prospection,"revue de code",monitoring,optimisation}'::text[] $$;

-- A sentence of n (<= 32) words drawn from the pool, one md5 byte per word.
CREATE FUNCTION pg_temp.sentence(i bigint, salt int, n int) RETURNS text
    LANGUAGE sql IMMUTABLE AS
$$ SELECT string_agg(w[1 + get_byte(b, k - 1) % array_length(w, 1)], ' ' ORDER BY k)
   FROM (SELECT decode(md5(salt || ':' || i) || md5(i || ':' || salt), 'hex') AS b,
                pg_temp.words() AS w) AS x,
        generate_series(1, least(n, 32)) AS k $$;

-- =============================================================================
-- 1. Types, domains, functions, sequences
-- =============================================================================

CREATE TYPE userstatus AS ENUM ('pending', 'active', 'suspended', 'deleted');
CREATE TYPE profilestatus AS ENUM ('draft', 'submitted', 'in_review', 'validated', 'rejected', 'archived');
CREATE TYPE subscription_status AS ENUM ('trialing', 'active', 'past_due', 'canceled', 'expired');
CREATE TYPE payment_status AS ENUM ('pending', 'succeeded', 'failed', 'refunded');
CREATE TYPE document_kind AS ENUM ('cv', 'cover_letter', 'diploma', 'id_card', 'certificate', 'other');
CREATE TYPE notification_channel AS ENUM ('email', 'sms', 'push', 'in_app');

-- Used by auth (users, admin_invitation_tokens), company (invitations) and
-- logs (notifications): every target that receives one of them needs it.
CREATE DOMAIN email_address AS text
    CONSTRAINT email_address_format CHECK (VALUE ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$');
COMMENT ON DOMAIN email_address IS 'An e-mail address: something@domain.tld, no whitespace.';

-- A domain with its own default (payment only).
CREATE DOMAIN currency_code AS char(3) DEFAULT 'EUR'
    CONSTRAINT currency_code_format CHECK (VALUE ~ '^[A-Z]{3}$');

-- Used by candidate (profiles.address) and company (companies.hq_address).
CREATE TYPE postal_address AS (
    line1       text,
    line2       text,
    postal_code text,
    city        text,
    country     char(2)
);

-- A custom range type (candidate: job_preferences.salary_expectation).
CREATE TYPE salary_range AS RANGE (subtype = numeric);

-- PL/pgSQL trigger function shared by auth, candidate, company, payment and
-- document tables.
CREATE FUNCTION set_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION set_updated_at() IS 'BEFORE UPDATE trigger: keeps updated_at current.';

-- SQL function used by a CHECK constraint (company: companies.siret).
CREATE FUNCTION is_valid_siret(siret text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT AS
$$ SELECT siret ~ '^[0-9]{14}$' AND substr(siret, 1, 9) <> '000000000' $$;

-- SQL function used by a DEFAULT (payment: quotas.resets_at).
CREATE FUNCTION next_month_start() RETURNS timestamptz
    LANGUAGE sql STABLE AS
$$ SELECT date_trunc('month', now()) + interval '1 month' $$;

-- A standalone sequence (not owned by any column) feeding a DEFAULT
-- (payment: invoices.number).
CREATE SEQUENCE invoice_number_seq START 100001;

-- =============================================================================
-- 2. Tables (primary keys, unique and check constraints inline; foreign keys,
--    secondary indexes and triggers are added after the data, in section 6)
-- =============================================================================

-- ---------------------------------------------------------------- auth -------

CREATE TABLE roles (
    id          serial PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    description text,
    permissions text[] NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email          email_address NOT NULL,
    email_domain   text GENERATED ALWAYS AS (lower(split_part(email, '@', 2))) STORED,
    password_hash  text NOT NULL,
    first_name     text,
    last_name      text,
    phone          text,
    status         userstatus NOT NULL DEFAULT 'pending',
    locale         text NOT NULL DEFAULT 'fr-FR',
    is_superuser   boolean NOT NULL DEFAULT false,
    failed_logins  smallint NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    last_login_at  timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_roles (
    user_id    uuid NOT NULL,
    role_id    integer NOT NULL,
    granted_at timestamptz NOT NULL DEFAULT now(),
    granted_by uuid,
    PRIMARY KEY (user_id, role_id)
);

-- Refresh tokens can always be reissued: UNLOGGED is an acceptable trade-off.
CREATE UNLOGGED TABLE refresh_tokens (
    id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    user_id     uuid NOT NULL,
    token_hash  bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    user_agent  text,
    ip_address  inet,
    issued_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    CONSTRAINT refresh_tokens_expiry CHECK (expires_at > issued_at)
);

CREATE TABLE admin_invitation_tokens (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email       email_address NOT NULL,
    token       text NOT NULL UNIQUE,
    role_id     integer NOT NULL,
    invited_by  uuid,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- ----------------------------------------------------------- candidate -------

CREATE TABLE profiles (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id          uuid NOT NULL UNIQUE,
    status           profilestatus NOT NULL DEFAULT 'draft',
    headline         text,
    bio              text,
    address          postal_address,
    languages        text[] NOT NULL DEFAULT '{}',
    years_experience numeric(4,1) CHECK (years_experience >= 0),
    completion_pct   smallint NOT NULL DEFAULT 0 CHECK (completion_pct BETWEEN 0 AND 100),
    extra            jsonb NOT NULL DEFAULT '{}',
    birth_date       date,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE experiences (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    profile_id   uuid NOT NULL,
    company_name text NOT NULL,
    company_id   uuid,           -- plain reference into the company service, no FK
    title        text NOT NULL,
    start_date   date NOT NULL,
    end_date     date,
    description  text,
    technologies text[],
    CONSTRAINT experiences_dates CHECK (end_date IS NULL OR end_date >= start_date)
);

CREATE TABLE educations (
    id             bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    profile_id     uuid NOT NULL,
    school         text NOT NULL,
    degree         text,
    field_of_study text,
    start_year     smallint,
    end_year       smallint,
    grade          numeric(4,2) CHECK (grade BETWEEN 0 AND 20),
    CONSTRAINT educations_years CHECK (end_year IS NULL OR start_year IS NULL OR end_year >= start_year)
);

CREATE TABLE certifications (
    id            serial PRIMARY KEY,
    profile_id    uuid NOT NULL,
    name          text NOT NULL,
    issuer        text,
    issued_on     date,
    expires_on    date,
    credential_id text,
    document_id   uuid           -- plain reference into the document service, no FK
);

CREATE TABLE skills (
    id         bigserial PRIMARY KEY,
    profile_id uuid NOT NULL,
    name       text NOT NULL,
    level      smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
    years      double precision,
    score      double precision,
    CONSTRAINT skills_profile_name_key UNIQUE (profile_id, name)
);

CREATE TABLE job_preferences (
    profile_id           uuid PRIMARY KEY,
    desired_titles       text[] NOT NULL DEFAULT '{}',
    contract_types       text[] NOT NULL DEFAULT '{}'
        CHECK (contract_types <@ ARRAY['cdi', 'cdd', 'freelance', 'internship', 'apprenticeship']),
    preferred_region_ids int[],
    salary_expectation   salary_range,
    remote_ratio         real CHECK (remote_ratio BETWEEN 0 AND 1),
    availability_date    date,
    relocation           boolean,
    updated_at           timestamptz NOT NULL DEFAULT now()
);

-- ------------------------------------------------------------- company -------

CREATE TABLE companies (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL,
    slug        text NOT NULL UNIQUE,
    siret       text CONSTRAINT companies_siret_valid CHECK (siret IS NULL OR is_valid_siret(siret)),
    owner_id    uuid NOT NULL,
    hq_address  postal_address,
    sector      text,
    size_range  int4range,
    settings    jsonb NOT NULL DEFAULT '{}',
    logo        bytea,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE team_members (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id uuid NOT NULL,
    user_id    uuid NOT NULL,
    role       text NOT NULL CHECK (role IN ('owner', 'admin', 'recruiter', 'viewer')),
    joined_at  timestamptz NOT NULL,
    CONSTRAINT team_members_company_user_key UNIQUE (company_id, user_id)
);

CREATE TABLE invitations (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id  uuid NOT NULL,
    email       email_address NOT NULL,
    role        text NOT NULL DEFAULT 'recruiter' CHECK (role IN ('admin', 'recruiter', 'viewer')),
    token       text NOT NULL UNIQUE,
    invited_by  uuid,            -- a user id, plain reference
    status      text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'accepted', 'expired', 'revoked')),
    expires_at  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
-- Partial unique index: one pending invitation per (company, address).
CREATE UNIQUE INDEX invitations_pending_email_key ON invitations (company_id, lower(email))
    WHERE status = 'pending';

-- ------------------------------------------------------------- payment -------

CREATE TABLE plans (
    id             smallint PRIMARY KEY,
    code           text NOT NULL UNIQUE,
    name           text NOT NULL,
    price_monthly  numeric(10,2) NOT NULL CHECK (price_monthly >= 0),
    currency       currency_code NOT NULL,
    features       jsonb NOT NULL DEFAULT '{}',
    max_job_posts  integer,        -- NULL: unlimited
    is_active      boolean NOT NULL DEFAULT true
);

CREATE TABLE subscriptions (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id           uuid NOT NULL,
    plan_id              smallint NOT NULL,
    status               subscription_status NOT NULL DEFAULT 'trialing',
    period               tstzrange NOT NULL,
    cancel_at_period_end boolean NOT NULL DEFAULT false,
    external_ref         text UNIQUE,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
-- Partial unique index: at most one live subscription per company.
CREATE UNIQUE INDEX subscriptions_one_live_per_company ON subscriptions (company_id)
    WHERE status IN ('trialing', 'active', 'past_due');

CREATE TABLE payments (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id  uuid NOT NULL,
    amount           numeric(12,2) NOT NULL CHECK (amount >= 0),
    currency         currency_code NOT NULL,
    fx_rate          numeric,          -- unconstrained: can hold NaN and +/-Infinity
    status           payment_status NOT NULL,
    provider         text NOT NULL DEFAULT 'stripe',
    provider_payload jsonb,
    paid_at          timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE invoices (
    id              bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    number          text NOT NULL UNIQUE
                    DEFAULT 'INV-' || lpad(nextval('invoice_number_seq')::text, 8, '0'),
    payment_id      bigint UNIQUE,
    subscription_id uuid NOT NULL,
    amount_excl_tax numeric(12,2) NOT NULL,
    tax_rate        numeric(5,4) NOT NULL DEFAULT 0.2000,
    tax_amount      numeric(12,2) NOT NULL,
    amount_total    numeric(12,2) GENERATED ALWAYS AS (amount_excl_tax + tax_amount) STORED,
    issued_on       date NOT NULL,
    due_on          date NOT NULL,
    lines           jsonb NOT NULL DEFAULT '[]',
    pdf             bytea,
    CONSTRAINT invoices_due_after_issue CHECK (due_on >= issued_on)
);

CREATE TABLE quotas (
    id              serial PRIMARY KEY,
    company_id      uuid NOT NULL,     -- plain reference (denormalised), no FK
    subscription_id uuid NOT NULL,
    resource        text NOT NULL CHECK (resource IN ('job_posts', 'cv_views', 'messages', 'exports')),
    used            integer NOT NULL DEFAULT 0 CHECK (used >= 0),
    quota_limit     integer,           -- NULL: unlimited
    usage_ratio     double precision,  -- used / quota_limit: NaN for 0/0, Infinity for n/0
    resets_at       timestamptz NOT NULL DEFAULT next_month_start(),
    CONSTRAINT quotas_subscription_resource_key UNIQUE (subscription_id, resource)
);

-- ------------------------------------------------------------ document -------

CREATE TABLE documents (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    owner_id       uuid NOT NULL,
    kind           document_kind NOT NULL,
    filename       text NOT NULL,
    mime_type      text NOT NULL,
    size_bytes     bigint NOT NULL CHECK (size_bytes >= 0),
    sha256         bytea NOT NULL CHECK (length(sha256) = 32),
    storage_key    text NOT NULL UNIQUE,
    content        bytea,          -- small files are kept inline
    extracted_text text,
    metadata       jsonb NOT NULL DEFAULT '{}',
    tags           text[] NOT NULL DEFAULT '{}',
    uploaded_at    timestamptz NOT NULL,
    deleted_at     timestamptz,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- ---------------------------------------------------------------- logs -------

CREATE TABLE notifications (
    id          bigserial PRIMARY KEY,
    user_id     uuid,
    recipient   email_address,
    channel     notification_channel NOT NULL,
    template    text NOT NULL,
    subject     text,
    body        text,
    payload     jsonb,
    priority    smallint NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5),
    attempts    smallint NOT NULL DEFAULT 0,
    sent_at     timestamptz,
    read_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT notifications_read_after_sent CHECK (read_at IS NULL OR sent_at IS NOT NULL)
);

-- Audit trail, one partition per month of 2024 plus a DEFAULT partition for
-- anything outside (the data spans 2023-12 .. 2025-01).
CREATE TABLE access_logs (
    id          bigserial,
    occurred_at timestamptz NOT NULL,
    user_id     uuid,              -- no FK: audit rows outlive their users
    service     text NOT NULL,
    method      text NOT NULL,
    path        text NOT NULL,
    status_code smallint NOT NULL CHECK (status_code BETWEEN 100 AND 599),
    duration_ms double precision,
    ip_address  inet,
    user_agent  text,
    details     jsonb,
    PRIMARY KEY (id, occurred_at)
) PARTITION BY RANGE (occurred_at);

DO $$
DECLARE
    m date;
BEGIN
    FOR m IN SELECT generate_series(date '2024-01-01', date '2024-12-01', interval '1 month')::date LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF access_logs FOR VALUES FROM (%L) TO (%L)',
                       'access_logs_' || to_char(m, 'YYYY_MM'),
                       m::text || ' 00:00:00+00', (m + interval '1 month')::date::text || ' 00:00:00+00');
    END LOOP;
END
$$;
CREATE TABLE access_logs_default PARTITION OF access_logs DEFAULT;

-- --------------------------------------------- the monolith's own migrations --
-- Alembic's tables, as the old single codebase left them.  pgsplit excludes
-- alembic_version* automatically and stamps each target instead.

CREATE TABLE alembic_version (
    version_num varchar(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version VALUES ('e41f7a90c3d2');

CREATE TABLE alembic_version_auth (
    version_num varchar(32) NOT NULL,
    CONSTRAINT alembic_version_auth_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version_auth VALUES ('0b9d5c1e7f26');

-- =============================================================================
-- 3. Lookup data (fixed size)
-- =============================================================================

INSERT INTO roles (name, description, permissions, created_at) VALUES
    ('candidate', 'Job seeker', '{profile:read,profile:write,application:create}', '2022-01-01 00:00:00+00'),
    ('recruiter', 'Recruiter working for a company', '{job:write,candidate:search,profile:read}', '2022-01-01 00:00:00+00'),
    ('company_admin', 'Manages a company account', '{job:write,team:manage,billing:read}', '2022-01-01 00:00:00+00'),
    ('support', 'Customer support', '{user:read,profile:read}', '2022-01-01 00:00:00+00'),
    ('admin', 'Platform administrator', '{*}', '2022-01-01 00:00:00+00'),
    ('readonly', NULL, '{}', '2023-06-15 12:00:00+00');

INSERT INTO plans (id, code, name, price_monthly, currency, features, max_job_posts, is_active) VALUES
    (1, 'free',       'Gratuit',     0.00,   'EUR', '{"cv_views": 10, "support": "community"}', 1,    true),
    (2, 'starter',    'Starter',     49.00,  'EUR', '{"cv_views": 200, "support": "email"}', 5,    true),
    (3, 'business',   'Business',    199.00, 'EUR', '{"cv_views": 2000, "support": "priority", "ats_export": true}', 50, true),
    (4, 'enterprise', 'Entreprise',  990.00, 'EUR', '{"cv_views": null, "support": "dedicated", "sso": true}', NULL, true),
    (5, 'legacy_pro', 'Pro (2021)',  99.90,  'USD', '{}', 20, false);

-- =============================================================================
-- 4. Generated data (proportional to :scale)
-- =============================================================================
-- Users: (i-1) % 5 in {0,1,2} -> candidates (profiles), {3,4} -> recruiters.
-- The company k is owned by user 5(k-1)+4.

INSERT INTO users (id, email, password_hash, first_name, last_name, phone, status, locale,
                   is_superuser, failed_logins, last_login_at, created_at, updated_at)
SELECT pg_temp.uid('user', i),
       lower(translate(fn, 'éèëêïîôöüûçàâÉÈÊËÎÏÔÖÜÛÇÀÂøØåÅ', 'eeeeiioouucaaEEEEIIOOUUCAAoOaA'))
           || '.' || lower(translate(replace(replace(ln, ' ', ''), '''', ''), 'éèëêïîôöüûçàâ', 'eeeeiioouucaa'))
           || '.' || i || '@' || pg_temp.pick('{gmail.com,yahoo.fr,outlook.com,orange.fr,free.fr,proton.me,laposte.net,example.org}', pg_temp.h(i, 3)),
       '$argon2id$v=19$m=65536,t=3,p=4$' || substr(md5('salt' || i), 1, 22) || '$' || md5('pw' || i) || md5('pw2' || i),
       fn, ln,
       CASE WHEN i % 7 = 0 THEN NULL
            WHEN i % 11 = 0 THEN '0' || (600000000 + pg_temp.h(i, 4) % 100000000)::text
            ELSE '+33' || (600000000 + pg_temp.h(i, 4) % 100000000)::text END,
       CASE WHEN i % 97 = 0 THEN 'suspended' WHEN i % 41 = 0 THEN 'pending'
            WHEN i % 233 = 0 THEN 'deleted' ELSE 'active' END::userstatus,
       CASE WHEN i % 10 = 0 THEN 'en-GB' WHEN i % 23 = 0 THEN 'es-ES' ELSE 'fr-FR' END,
       i <= 3,
       (pg_temp.h(i, 5) % 4)::smallint * (i % 3 = 0)::int::smallint,
       CASE WHEN i % 13 = 0 THEN NULL
            ELSE timestamptz '2024-06-01 00:00:00+00' + make_interval(secs => pg_temp.h(i, 6) % 15552000) END,
       created, created + make_interval(secs => pg_temp.h(i, 7) % 8640000)
FROM (SELECT i,
             pg_temp.pick(pg_temp.first_names(), pg_temp.h(i, 1)) AS fn,
             pg_temp.pick(pg_temp.last_names(), pg_temp.h(i, 2)) AS ln,
             timestamptz '2022-01-01 00:00:00+00' + make_interval(secs => (i * 63072000::bigint / :n_users)::int) AS created
      FROM generate_series(1, :n_users) AS i) AS g;

-- Every user gets a role by kind; some get a second one.
INSERT INTO user_roles (user_id, role_id, granted_at, granted_by)
SELECT pg_temp.uid('user', i),
       CASE WHEN (i - 1) % 5 < 3 THEN 1 ELSE 2 END,
       timestamptz '2022-01-01 00:00:00+00' + make_interval(secs => (i * 63072000::bigint / :n_users)::int),
       NULL
FROM generate_series(1, :n_users) AS i
UNION ALL
SELECT pg_temp.uid('user', i),
       CASE WHEN i <= 3 THEN 5 WHEN (i - 1) % 5 = 3 THEN 3 ELSE 4 END,
       timestamptz '2022-02-01 00:00:00+00' + make_interval(secs => (i * 63072000::bigint / :n_users)::int),
       CASE WHEN i <= 3 THEN NULL ELSE pg_temp.uid('user', 1 + i % 3) END
FROM generate_series(1, :n_users) AS i
WHERE i <= 3 OR (i % 5 = 4 AND i % 3 = 0) OR i % 211 = 0;

INSERT INTO refresh_tokens (id, user_id, token_hash, user_agent, ip_address, issued_at, expires_at, revoked_at)
SELECT t,
       pg_temp.uid('user', 1 + pg_temp.h(t, 10) % :n_users),
       sha256(int8send(t) || '\x72746b'::bytea),
       pg_temp.pick('{"Mozilla/5.0 (X11; Linux x86_64) Firefox/125.0","Mozilla/5.0 (Macintosh) Safari/17.4","Mozilla/5.0 (Windows NT 10.0) Chrome/124.0","okhttp/4.12.0","JobBoard-iOS/3.2.1 CFNetwork"}', pg_temp.h(t, 11)),
       ('10.' || (t % 250) || '.' || (pg_temp.h(t, 12) % 250) || '.' || (1 + t % 253))::inet,
       issued, issued + interval '30 days',
       CASE WHEN t % 4 = 0 THEN issued + make_interval(secs => pg_temp.h(t, 13) % 2592000) END
FROM (SELECT t, timestamptz '2024-01-01 00:00:00+00' + make_interval(secs => (t * 31536000::bigint / :n_refresh_tokens)::int) AS issued
      FROM generate_series(1, :n_refresh_tokens) AS t) AS g;

INSERT INTO admin_invitation_tokens (id, email, token, role_id, invited_by, expires_at, used_at, created_at)
SELECT pg_temp.uid('admin_invite', a),
       'invite' || a || '@staff.jobboard.example',
       encode(sha256(int8send(a) || '\x616974'::bytea), 'base64'),
       CASE WHEN a % 3 = 0 THEN 5 ELSE 4 END,
       pg_temp.uid('user', 1 + a % 3),
       created + interval '7 days',
       CASE WHEN a % 2 = 0 THEN created + make_interval(secs => pg_temp.h(a, 14) % 604800) END,
       created
FROM (SELECT a, timestamptz '2022-03-01 00:00:00+00' + make_interval(days => a % 900) AS created
      FROM generate_series(1, :n_admin_invites) AS a) AS g;

-- --------------------------------------------------------------- candidate ---

INSERT INTO profiles (id, user_id, status, headline, bio, address, languages, years_experience,
                      completion_pct, extra, birth_date, created_at, updated_at)
SELECT pg_temp.uid('profile', i),
       pg_temp.uid('user', i),
       (ARRAY['draft', 'submitted', 'in_review', 'validated', 'validated', 'validated', 'rejected', 'archived'])
           [1 + pg_temp.h(i, 20) % 8]::profilestatus,
       pg_temp.pick(pg_temp.job_titles(), pg_temp.h(i, 21)) || ' — ' || (pg_temp.h(i, 22) % 15 + 1) || ' ans d''expérience',
       'Passionné(e) par ' || pg_temp.sentence(i, 23, 6) || '. ' || initcap(pg_temp.sentence(i, 30, 10)) || '.',
       ROW(pg_temp.h(i, 40) % 200 + 1 || ' rue ' || pg_temp.pick(pg_temp.last_names(), pg_temp.h(i, 41)),
           CASE WHEN i % 6 = 0 THEN 'Bât. ' || chr(65 + (i % 5)::int) END,
           lpad((pg_temp.h(i, 42) % 95000 + 1000)::text, 5, '0'),
           pg_temp.pick(pg_temp.cities(), pg_temp.h(i, 43)),
           CASE WHEN i % 17 = 0 THEN 'SN' WHEN i % 19 = 0 THEN 'CI' ELSE 'FR' END)::postal_address,
       CASE WHEN i % 3 = 0 THEN '{fr,en}'::text[] WHEN i % 3 = 1 THEN '{fr}' ELSE '{fr,en,es}' END,
       (pg_temp.h(i, 22) % 150) / 10.0,
       (pg_temp.h(i, 24) % 101)::smallint,
       jsonb_build_object(
           'source', pg_temp.pick('{linkedin,indeed,referral,organic,jobfair}', pg_temp.h(i, 25)),
           'remote', i % 2 = 0,
           'visibility', CASE WHEN i % 10 = 0 THEN 'private' ELSE 'public' END,
           'tags', jsonb_build_array(pg_temp.pick(pg_temp.skill_names(), pg_temp.h(i, 26)),
                                     pg_temp.pick(pg_temp.skill_names(), pg_temp.h(i, 27))),
           'scores', jsonb_build_object('match', pg_temp.h(i, 28) % 100, 'activity', (pg_temp.h(i, 29) % 1000) / 10.0)),
       date '1965-01-01' + (pg_temp.h(i, 44) % 14000)::int,
       u.created_at + interval '1 hour',
       u.created_at + interval '1 hour' + make_interval(secs => pg_temp.h(i, 45) % 8640000)
FROM generate_series(1, :n_users) AS i
JOIN users u ON u.id = pg_temp.uid('user', i)
WHERE (i - 1) % 5 < 3;

-- Candidate c (0-based) is user (c/3)*5 + c%3 + 1.
SELECT count(*) AS n_profiles FROM profiles \gset

INSERT INTO experiences (profile_id, company_name, company_id, title, start_date, end_date, description, technologies)
SELECT pg_temp.uid('profile', (c / 3) * 5 + c % 3 + 1),
       pg_temp.pick('{Capgemini,Sopra Steria,Atos,"Orange Business",Thales,Decathlon,"Crédit Agricole",Doctolib,BlaBlaCar,Ubisoft,"Société Générale",Leroy Merlin,OVHcloud,Dassault Systèmes,"Start-up (confidentiel)"}', pg_temp.h(c * 8 + k, 50)),
       CASE WHEN pg_temp.h(c * 8 + k, 51) % 4 = 0 THEN pg_temp.uid('company', 1 + pg_temp.h(c * 8 + k, 52) % :n_companies) END,
       pg_temp.pick(pg_temp.job_titles(), pg_temp.h(c * 8 + k, 53)),
       s, CASE WHEN k = 1 AND c % 3 = 0 THEN NULL ELSE s + (180 + pg_temp.h(c * 8 + k, 54) % 1200)::int END,
       initcap(pg_temp.sentence(c * 8 + k, 55, 12)) || '.',
       CASE WHEN c % 5 = 0 THEN NULL
            ELSE ARRAY[pg_temp.pick(pg_temp.skill_names(), pg_temp.h(c * 8 + k, 56)),
                       pg_temp.pick(pg_temp.skill_names(), pg_temp.h(c * 8 + k, 57))] END
FROM generate_series(0, :n_profiles - 1) AS c
CROSS JOIN LATERAL generate_series(1, 1 + (c % 5)::int) AS k
CROSS JOIN LATERAL (SELECT date '2024-01-01' - (k * 900 + pg_temp.h(c, 58) % 600)::int AS s) AS d;

INSERT INTO educations (id, profile_id, school, degree, field_of_study, start_year, end_year, grade)
SELECT row_number() OVER (ORDER BY c, k),
       pg_temp.uid('profile', (c / 3) * 5 + c % 3 + 1),
       pg_temp.pick(pg_temp.schools(), pg_temp.h(c * 4 + k, 60)),
       pg_temp.pick('{Licence,Master,"Diplôme d''ingénieur",BTS,DUT,Doctorat,Bootcamp,Baccalauréat}', pg_temp.h(c * 4 + k, 61)),
       CASE WHEN c % 9 = 0 THEN NULL
            ELSE pg_temp.pick('{Informatique,Mathématiques,Gestion,Droit,Marketing,"Ressources humaines",Finance,Électronique,Design,Langues}', pg_temp.h(c * 4 + k, 62)) END,
       (2020 - k * 4 - (pg_temp.h(c, 63) % 15))::smallint,
       CASE WHEN c % 11 = 0 THEN NULL ELSE (2020 - k * 4 - (pg_temp.h(c, 63) % 15) + 2 + (pg_temp.h(c, 64) % 3))::smallint END,
       CASE WHEN c % 4 = 0 THEN NULL ELSE (1000 + pg_temp.h(c * 4 + k, 65) % 1000) / 100.0 END
FROM generate_series(0, :n_profiles - 1) AS c
CROSS JOIN LATERAL generate_series(1, 1 + (c % 3)::int) AS k;

INSERT INTO certifications (profile_id, name, issuer, issued_on, expires_on, credential_id, document_id)
SELECT pg_temp.uid('profile', (c / 3) * 5 + c % 3 + 1),
       pg_temp.pick('{"AWS Certified Solutions Architect","Scrum Master PSM I","TOEIC 950","CKA Kubernetes","PMP","Google Data Analytics","Permis B","CACES R489","Certification Voltaire","Microsoft Azure Fundamentals"}', pg_temp.h(c * 3 + k, 70)),
       CASE WHEN c % 8 = 0 THEN NULL ELSE pg_temp.pick('{AWS,Scrum.org,ETS,CNCF,PMI,Google,ANTS,INRS,"Projet Voltaire",Microsoft}', pg_temp.h(c * 3 + k, 70)) END,
       date '2015-01-01' + (pg_temp.h(c * 3 + k, 71) % 3000)::int,
       CASE WHEN k % 2 = 0 THEN date '2025-01-01' + (pg_temp.h(c * 3 + k, 72) % 1000)::int END,
       upper(substr(md5('cred' || c || ':' || k), 1, 12)),
       CASE WHEN c % 4 = 0 THEN pg_temp.uid('document', 1 + pg_temp.h(c, 73) % :n_documents) END
FROM generate_series(0, :n_profiles - 1) AS c
CROSS JOIN LATERAL generate_series(1, (c % 3)::int) AS k;

INSERT INTO skills (profile_id, name, level, years, score)
SELECT pg_temp.uid('profile', (c / 3) * 5 + c % 3 + 1),
       (pg_temp.skill_names())[1 + ((pg_temp.h(c, 80) + k * 11) % 60)::int],
       (1 + pg_temp.h(c * 8 + k, 81) % 5)::smallint,
       CASE WHEN k = 7 THEN NULL ELSE (pg_temp.h(c * 8 + k, 82) % 200) / 10.0 END,
       (pg_temp.h(c * 8 + k, 83) % 100000) / 997.0
FROM generate_series(0, :n_profiles - 1) AS c
CROSS JOIN LATERAL generate_series(1, 2 + (c % 7)::int) AS k
ON CONFLICT DO NOTHING;

INSERT INTO job_preferences (profile_id, desired_titles, contract_types, preferred_region_ids,
                             salary_expectation, remote_ratio, availability_date, relocation, updated_at)
SELECT pg_temp.uid('profile', (c / 3) * 5 + c % 3 + 1),
       ARRAY[pg_temp.pick(pg_temp.job_titles(), pg_temp.h(c, 90)), pg_temp.pick(pg_temp.job_titles(), pg_temp.h(c, 91))],
       (ARRAY['{cdi}', '{cdi,cdd}', '{freelance}', '{cdi,freelance}', '{internship}', '{apprenticeship,cdd}'])[1 + c % 6]::text[],
       ARRAY[(1 + pg_temp.h(c, 92) % 18)::int, (1 + pg_temp.h(c, 93) % 18)::int],
       CASE WHEN c % 10 = 0 THEN NULL
            ELSE salary_range(25000 + (pg_temp.h(c, 94) % 40) * 1000, 25000 + (pg_temp.h(c, 94) % 40) * 1000 + 5000 + (pg_temp.h(c, 95) % 20) * 1000) END,
       (pg_temp.h(c, 96) % 5) / 4.0,
       date '2024-06-01' + (pg_temp.h(c, 97) % 365)::int,
       CASE WHEN c % 3 = 0 THEN NULL ELSE c % 3 = 1 END,
       timestamptz '2024-01-01 00:00:00+00' + make_interval(secs => pg_temp.h(c, 98) % 31536000)
FROM generate_series(0, :n_profiles - 1) AS c
WHERE c % 5 <> 4;

-- ----------------------------------------------------------------- company ---

INSERT INTO companies (id, name, slug, siret, owner_id, hq_address, sector, size_range, settings, logo, created_at, updated_at)
SELECT pg_temp.uid('company', k),
       nm,
       lower(regexp_replace(translate(nm, 'éèêëàâîïôöûüçÉ''', 'eeeeaaiioouucE-'), '[^a-zA-Z0-9]+', '-', 'g')) || '-' || k,
       CASE WHEN k % 9 = 0 THEN NULL ELSE lpad((100000000 + pg_temp.h(k, 101) % 899999999)::text, 9, '0') || lpad((k % 100000)::text, 5, '0') END,
       pg_temp.uid('user', 5 * (k - 1) + 4),
       ROW(pg_temp.h(k, 102) % 150 + 1 || ' avenue ' || pg_temp.pick(pg_temp.last_names(), pg_temp.h(k, 103)),
           NULL,
           lpad((pg_temp.h(k, 104) % 95000 + 1000)::text, 5, '0'),
           pg_temp.pick(pg_temp.cities(), pg_temp.h(k, 105)),
           'FR')::postal_address,
       pg_temp.pick(pg_temp.sectors(), pg_temp.h(k, 106)),
       (ARRAY['[1,10)', '[10,50)', '[50,250)', '[250,1000)', '[1000,)'])[1 + pg_temp.h(k, 107) % 5]::int4range,
       jsonb_build_object('theme', pg_temp.pick('{light,dark,brand}', k),
                          'notify', jsonb_build_object('new_candidate', k % 2 = 0, 'digest', pg_temp.pick('{daily,weekly,never}', pg_temp.h(k, 108))),
                          'ats', CASE WHEN k % 7 = 0 THEN 'greenhouse' WHEN k % 5 = 0 THEN 'lever' END),
       CASE WHEN k % 4 = 0 THEN decode(repeat(md5('logo' || k), 8), 'hex') END,
       timestamptz '2022-01-01 00:00:00+00' + make_interval(secs => (k * 63072000::bigint / :n_companies)::int),
       timestamptz '2022-01-01 00:00:00+00' + make_interval(secs => (k * 63072000::bigint / :n_companies)::int + (pg_temp.h(k, 109) % 8640000)::int)
FROM (SELECT k, pg_temp.pick('{Acme,Nova,Atlas,Horizon,Kiwi,Lumen,Orbit,Pixel,Quartz,Sirius,Talent,Vega,Zenith,Boréal,Céleste}', pg_temp.h(k, 100))
                || ' ' || pg_temp.pick('{Solutions,Conseil,Technologies,Industries,Santé,Logistique,Digital,Recrutement,Finance,& Fils}', pg_temp.h(k, 110)) AS nm
      FROM generate_series(1, :n_companies) AS k) AS g;

-- Recruiter r (0-based) is user 5*(r/2) + 4 + r%2; the owner of company k is recruiter 2(k-1).
SELECT (:n_users / 5) * 2 + greatest(0, :n_users % 5 - 3) AS n_recruiters \gset

INSERT INTO team_members (company_id, user_id, role, joined_at)
SELECT pg_temp.uid('company', k),
       pg_temp.uid('user', 5 * (r / 2) + 4 + r % 2),
       CASE WHEN m = 0 THEN 'owner' WHEN m = 1 THEN 'admin' WHEN m % 4 = 3 THEN 'viewer' ELSE 'recruiter' END,
       timestamptz '2022-01-01 00:00:00+00' + make_interval(secs => (k * 63072000::bigint / :n_companies)::int + m * 86400)
FROM generate_series(1, :n_companies) AS k
CROSS JOIN LATERAL generate_series(0, (k % 6)::int) AS m
CROSS JOIN LATERAL (SELECT ((2 * (k - 1) + m * 7919) % :n_recruiters)::bigint AS r) AS rr
ON CONFLICT DO NOTHING;

INSERT INTO invitations (id, company_id, email, role, token, invited_by, status, expires_at, created_at)
SELECT pg_temp.uid('invitation', k * 10 + j),
       pg_temp.uid('company', k),
       'candidat' || (k * 10 + j) || '@' || pg_temp.pick('{gmail.com,outlook.com,example.org,yahoo.fr}', pg_temp.h(k * 10 + j, 120)),
       pg_temp.pick('{recruiter,recruiter,admin,viewer}', pg_temp.h(k * 10 + j, 121)),
       encode(sha256(int8send(k * 10 + j) || '\x696e76'::bytea), 'hex'),
       pg_temp.uid('user', 5 * (k - 1) + 4),
       (ARRAY['pending', 'accepted', 'accepted', 'expired', 'revoked'])[1 + pg_temp.h(k * 10 + j, 122) % 5],
       created + interval '14 days',
       created
FROM generate_series(1, :n_companies) AS k
CROSS JOIN LATERAL generate_series(1, (k % 4)::int) AS j
CROSS JOIN LATERAL (SELECT timestamptz '2023-01-01 00:00:00+00' + make_interval(secs => (pg_temp.h(k * 10 + j, 123) % 63072000)::int) AS created) AS t;

-- ----------------------------------------------------------------- payment ---
-- Company k has 1 + k%3 subscriptions, one year each, the last one possibly live.

INSERT INTO subscriptions (id, company_id, plan_id, status, period, cancel_at_period_end, external_ref, created_at, updated_at)
SELECT pg_temp.uid('subscription', k * 10 + j),
       pg_temp.uid('company', k),
       (CASE WHEN pg_temp.h(k * 10 + j, 130) % 23 = 0 THEN 5 ELSE 1 + pg_temp.h(k * 10 + j, 130) % 4 END)::smallint,
       CASE WHEN j < n THEN (CASE WHEN k % 2 = 0 THEN 'expired' ELSE 'canceled' END)
            ELSE (ARRAY['active', 'active', 'active', 'trialing', 'past_due', 'canceled'])[1 + pg_temp.h(k, 131) % 6] END::subscription_status,
       CASE WHEN j = n AND k % 10 = 0 THEN tstzrange(st, NULL, '[)')
            ELSE tstzrange(st, st + interval '1 year', '[)') END,
       j = n AND k % 13 = 0,
       CASE WHEN k % 50 = 0 THEN NULL ELSE 'sub_' || substr(md5('sub' || k || ':' || j), 1, 24) END,
       st, st + make_interval(secs => (pg_temp.h(k * 10 + j, 132) % 86400)::int)
FROM generate_series(1, :n_companies) AS k
CROSS JOIN LATERAL (SELECT 1 + (k % 3)::int AS n) AS nn
CROSS JOIN LATERAL generate_series(1, n) AS j
CROSS JOIN LATERAL (SELECT timestamptz '2022-01-01 00:00:00+00'
                           + make_interval(days => ((k * 365) / :n_companies)::int + (j - 1) * 365) AS st) AS s;

-- Monthly payments for every month of a subscription up to 2024-12.
INSERT INTO payments (id, subscription_id, amount, currency, fx_rate, status, provider, provider_payload, paid_at, created_at)
OVERRIDING SYSTEM VALUE
SELECT row_number() OVER (ORDER BY s.created_at, s.id, mo),
       s.id,
       p.price_monthly * CASE WHEN mo = 0 AND s.status = 'trialing' THEN 0 ELSE 1 END,
       p.currency,
       CASE WHEN p.currency = 'EUR' THEN 1 ELSE 0.92 END,
       st::payment_status,
       CASE WHEN pg_temp.h(hh, 142) % 10 = 0 THEN 'paypal' ELSE 'stripe' END,
       CASE WHEN pg_temp.h(hh, 143) % 3 = 0 THEN NULL
            ELSE jsonb_build_object('intent', 'pi_' || substr(md5('pi' || hh), 1, 20),
                                    'card', jsonb_build_object('brand', pg_temp.pick('{visa,mastercard,amex}', hh), 'last4', lpad((hh % 10000)::text, 4, '0')),
                                    'attempts', 1 + (hh % 3)) END,
       CASE WHEN st = 'succeeded' OR st = 'refunded' THEN at + interval '5 minutes' END,
       at
FROM subscriptions s
JOIN plans p ON p.id = s.plan_id
CROSS JOIN LATERAL generate_series(0, 11) AS mo
CROSS JOIN LATERAL (SELECT lower(s.period) + make_interval(months => mo) AS at,
                           pg_temp.h(pg_temp.uh(s.id) * 12 + mo, 140) AS hh) AS a
CROSS JOIN LATERAL (SELECT CASE WHEN pg_temp.h(hh, 141) % 50 = 0 THEN 'failed'
                                WHEN pg_temp.h(hh, 141) % 97 = 1 THEN 'refunded'
                                WHEN at >= timestamptz '2024-12-01 00:00:00+00' THEN 'pending'
                                ELSE 'succeeded' END AS st) AS x
WHERE at < coalesce(upper(s.period), timestamptz '2025-01-01 00:00:00+00')
  AND at < timestamptz '2025-01-01 00:00:00+00';

INSERT INTO invoices (number, payment_id, subscription_id, amount_excl_tax, tax_rate, tax_amount, issued_on, due_on, lines, pdf)
SELECT 'INV-' || lpad(nextval('invoice_number_seq')::text, 8, '0'),
       p.id, p.subscription_id,
       p.amount,
       CASE WHEN p.currency = 'EUR' THEN 0.2000 ELSE 0.0000 END,
       round(p.amount * CASE WHEN p.currency = 'EUR' THEN 0.2 ELSE 0 END, 2),
       (p.paid_at AT TIME ZONE 'UTC')::date,
       (p.paid_at AT TIME ZONE 'UTC')::date + 30,
       jsonb_build_array(jsonb_build_object('label', 'Abonnement ' || pl.name, 'qty', 1, 'unit_price', p.amount)),
       CASE WHEN p.id % 20 = 0 THEN decode(repeat(md5('pdf' || p.id), 40), 'hex') END
FROM payments p
JOIN subscriptions s ON s.id = p.subscription_id
JOIN plans pl ON pl.id = s.plan_id
WHERE p.status IN ('succeeded', 'refunded')
ORDER BY p.id;

INSERT INTO quotas (company_id, subscription_id, resource, used, quota_limit, usage_ratio, resets_at)
SELECT s.company_id, s.id, r.resource, u.used, l.quota_limit,
       CASE WHEN l.quota_limit IS NULL THEN NULL
            WHEN l.quota_limit = 0 THEN CASE WHEN u.used = 0 THEN 'NaN'::float8 ELSE 'Infinity'::float8 END
            ELSE u.used::float8 / l.quota_limit END,
       date_trunc('month', upper(s.period) - interval '1 day')
FROM subscriptions s
JOIN plans p ON p.id = s.plan_id
CROSS JOIN (VALUES ('job_posts'), ('cv_views'), ('messages'), ('exports')) AS r(resource)
CROSS JOIN LATERAL (SELECT CASE r.resource
                               WHEN 'job_posts' THEN p.max_job_posts
                               WHEN 'cv_views'  THEN (p.features ->> 'cv_views')::int
                               WHEN 'messages'  THEN CASE WHEN p.code = 'free' THEN 0 ELSE 500 END
                               ELSE CASE WHEN p.code IN ('free', 'starter') THEN 0 END END AS quota_limit) AS l
CROSS JOIN LATERAL (SELECT (pg_temp.h(pg_temp.uh(s.id) * 4 + length(r.resource), 150)
                            % (coalesce(l.quota_limit, 3000) + 2))::int
                           * (CASE WHEN l.quota_limit = 0 AND s.company_id::text < '8' THEN 0 ELSE 1 END) AS used) AS u
WHERE upper(s.period) IS NOT NULL;

-- Quotas also exist for the unbounded subscriptions.
INSERT INTO quotas (company_id, subscription_id, resource, used, quota_limit, usage_ratio, resets_at)
SELECT s.company_id, s.id, 'job_posts', 0, p.max_job_posts,
       CASE WHEN p.max_job_posts IS NULL THEN NULL ELSE 0 END,
       timestamptz '2025-01-01 00:00:00+00'
FROM subscriptions s JOIN plans p ON p.id = s.plan_id
WHERE upper(s.period) IS NULL;

-- ---------------------------------------------------------------- document ---

INSERT INTO documents (id, owner_id, kind, filename, mime_type, size_bytes, sha256, storage_key,
                       content, extracted_text, metadata, tags, uploaded_at, deleted_at, updated_at)
SELECT pg_temp.uid('document', d),
       pg_temp.uid('user', 1 + pg_temp.h(d, 160) % :n_users),
       kind::document_kind,
       kind || '_' || d || ext,
       CASE ext WHEN '.pdf' THEN 'application/pdf' WHEN '.png' THEN 'image/png'
                WHEN '.docx' THEN 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
                ELSE 'text/plain' END,
       coalesce(length(body), 20000 + pg_temp.h(d, 161) % 2000000),
       sha256(coalesce(body, int8send(d))),
       'docs/' || substr(md5('doc' || d), 1, 2) || '/' || pg_temp.uid('document', d) || ext,
       body,
       CASE WHEN kind IN ('cv', 'cover_letter') THEN initcap(pg_temp.sentence(d, 162, 25)) || '.' END,
       jsonb_build_object('pages', 1 + pg_temp.h(d, 163) % 6, 'uploaded_via', pg_temp.pick('{web,mobile,api}', pg_temp.h(d, 164)),
                          'scan', jsonb_build_object('status', 'clean', 'engine', 'clamav')),
       CASE WHEN d % 4 = 0 THEN '{}'::text[] ELSE ARRAY[kind, pg_temp.pick('{2022,2023,2024}', d)] END,
       up,
       CASE WHEN d % 37 = 0 THEN up + interval '90 days' END,
       up + make_interval(secs => (pg_temp.h(d, 165) % 864000)::int)
FROM generate_series(1, :n_documents) AS d
CROSS JOIN LATERAL (SELECT (ARRAY['cv', 'cv', 'cv', 'cover_letter', 'diploma', 'id_card', 'certificate', 'other'])[1 + pg_temp.h(d, 166) % 8] AS kind,
                           (ARRAY['.pdf', '.pdf', '.png', '.docx', '.txt'])[1 + pg_temp.h(d, 167) % 5] AS ext,
                           timestamptz '2022-01-01 00:00:00+00' + make_interval(secs => (d * 94608000::bigint / :n_documents)::int) AS up) AS a
CROSS JOIN LATERAL (SELECT CASE WHEN d % 3 = 0 THEN decode(repeat(md5('body' || d), 1 + (pg_temp.h(d, 168) % 48)::int), 'hex') END AS body) AS b;

-- ------------------------------------------------------------------- logs ----

INSERT INTO notifications (user_id, recipient, channel, template, subject, body, payload, priority, attempts, sent_at, read_at, created_at)
SELECT CASE WHEN n % 29 = 0 THEN NULL ELSE pg_temp.uid('user', uidx) END,
       CASE WHEN ch = 'email' THEN ('user' || uidx || '@' || pg_temp.pick('{gmail.com,outlook.com,orange.fr}', uidx)) END,
       ch::notification_channel,
       tpl,
       CASE WHEN ch IN ('email', 'push') THEN
           CASE tpl WHEN 'welcome' THEN 'Bienvenue sur JobBoard !'
                    WHEN 'new_match' THEN 'Une nouvelle offre correspond à votre profil'
                    WHEN 'invoice_ready' THEN 'Votre facture est disponible'
                    WHEN 'password_reset' THEN 'Réinitialisation de votre mot de passe'
                    ELSE 'Nouveau message' END END,
       CASE WHEN ch = 'push' THEN NULL ELSE 'Bonjour, ' || pg_temp.sentence(n, 170, 14) || '.' END,
       jsonb_build_object('template_version', 1 + n % 3, 'link', '/app/' || tpl || '/' || (n % 100000),
                          'vars', jsonb_build_object('n', n, 'score', (pg_temp.h(n, 171) % 100))),
       (1 + pg_temp.h(n, 172) % 5)::smallint,
       (CASE WHEN n % 31 = 0 THEN 3 ELSE 1 END)::smallint,
       CASE WHEN n % 31 = 0 THEN NULL ELSE created + interval '2 seconds' END,
       CASE WHEN n % 31 <> 0 AND n % 3 <> 0 THEN created + make_interval(secs => (pg_temp.h(n, 173) % 604800)::int) END,
       created
FROM generate_series(1, :n_notifications) AS n
CROSS JOIN LATERAL (SELECT 1 + pg_temp.h(n, 174) % :n_users AS uidx,
                           (ARRAY['email', 'email', 'in_app', 'in_app', 'push', 'sms'])[1 + pg_temp.h(n, 175) % 6] AS ch,
                           pg_temp.pick('{welcome,new_match,new_match,new_message,invoice_ready,password_reset,profile_reminder}', pg_temp.h(n, 176)) AS tpl,
                           timestamptz '2023-01-01 00:00:00+00' + make_interval(secs => (n * 63072000::bigint / :n_notifications)::int) AS created) AS a;

INSERT INTO access_logs (id, occurred_at, user_id, service, method, path, status_code, duration_ms, ip_address, user_agent, details)
SELECT l,
       timestamptz '2023-12-01 00:00:00+00' + make_interval(secs => (l * 36806400::bigint / :n_access_logs)::int),
       CASE WHEN l % 5 = 0 THEN NULL ELSE pg_temp.uid('user', 1 + pg_temp.h(l, 180) % :n_users) END,
       svc,
       CASE WHEN pg_temp.h(l, 181) % 4 = 0 THEN 'POST' WHEN pg_temp.h(l, 181) % 9 = 1 THEN 'PATCH' WHEN pg_temp.h(l, 181) % 23 = 2 THEN 'DELETE' ELSE 'GET' END,
       '/api/v1/' || svc || '/' || pg_temp.pick('{me,list,search,items,export,settings}', pg_temp.h(l, 182))
           || CASE WHEN l % 3 = 0 THEN '/' || (pg_temp.h(l, 183) % 100000) ELSE '' END,
       sc::smallint,
       round(((pg_temp.h(l, 184) % 200000) / 100.0)::numeric, 2)::float8 + CASE WHEN sc >= 500 THEN 3000 ELSE 0 END,
       CASE WHEN l % 7 = 0 THEN ('2001:db8::' || to_hex((l % 65535)::int))::inet
            ELSE ('192.0.2.' || (1 + l % 254))::inet END,
       pg_temp.pick('{"Mozilla/5.0 (X11; Linux x86_64) Firefox/125.0","Mozilla/5.0 (iPhone; CPU iPhone OS 17_4) Mobile/15E148","curl/8.5.0","python-requests/2.31.0","JobBoard-Android/5.1"}', pg_temp.h(l, 185)),
       CASE WHEN l % 4 = 0 THEN NULL
            ELSE jsonb_build_object('request_id', substr(md5('req' || l), 1, 16), 'bytes', pg_temp.h(l, 186) % 50000,
                                    'cache', l % 3 = 1) END
FROM generate_series(1, :n_access_logs) AS l
CROSS JOIN LATERAL (SELECT pg_temp.pick('{auth,auth,candidate,candidate,candidate,company,payment,document,notification}', pg_temp.h(l, 187)) AS svc,
                           (ARRAY[200, 200, 200, 200, 200, 200, 201, 204, 304, 400, 401, 403, 404, 409, 422, 500, 502])[1 + pg_temp.h(l, 188) % 17] AS sc) AS a;

-- Identity and serial sequences continue after the highest id (some tables
-- were loaded with explicit ids).
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT c.relname AS tab, a.attname AS col
               FROM pg_class c
               JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
              WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
                AND NOT c.relispartition
                AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL
    LOOP
        EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), coalesce(max(%I), 0) + 1, false) FROM %I',
                       quote_ident(r.tab), r.col, r.col, r.tab);
    END LOOP;
END
$$;

-- =============================================================================
-- 5. Tricky values, deterministic and few.  Where they are:
--
--   users            1  unicode names (É, é), IDN-ish address; phone '' (empty)
--                    2  Japanese name 日本 太郎
--                    3  emoji in first_name; phone with spaces (violates the
--                       NOT VALID check users_phone_format, like rows i%11=0)
--                    4  first_name '' (empty string), last_name with quote,
--                       double quote and backslash
--                    5  first_name NULL, last_name NULL
--   profiles   user 1  bio: tab, LF, CRLF, lone CR, backslash, "\N", a line
--                       holding only "\.", single and double quotes, 'NULL'
--              user 2  headline '' and bio '' ; languages '{}'
--              user 3  headline NULL, bio NULL, address NULL; languages
--                       {fr,NULL,en}
--              user 6  languages with awkward elements {"a,b","NULL","",
--                       "quote\"d","back\\slash","{braces}"}; address with
--                       NULL fields and one with every field NULL (not NULL)
--              user 7  ~1 MB bio (text)
--              user 8  unicode everywhere: 日本語, emoji, combining accents,
--                       right-to-left text, U+2028
--   skills     users 1..3  score NaN, Infinity, -Infinity, -0, 1e308,
--                       5e-324 (denormal), 0.1; years NaN
--   job_preferences  empty arrays, {1,NULL,3}, 2-D {{1,2},{3,4}}, NULL array;
--                    salary_expectation empty, (,50000], [40000,) ranges
--   payments         first 7 rows: fx_rate NaN, Infinity, -Infinity, 1e-30,
--                    a 40-digit value, 0, NULL
--   quotas           usage_ratio NaN (0/0) and Infinity (n/0) on free plans
--   subscriptions    unbounded periods [start,) (k%10=0); one 'empty' range
--   refresh_tokens   id 1: expires_at 'infinity'
--   admin_invitation_tokens  1: expires_at 'infinity'; 2: used_at '-infinity'
--   companies        1: name with apostrophe and quotes, size_range 'empty',
--                       settings '{}' ; 2: logo '\x' (empty bytea, not NULL)
--   documents        1: content = every byte 0..255 ; 2: ~1 MB incompressible
--                       bytea ; 3: content '\x' (empty) ; 4: filename with tab
--                       and newline ; 5: unicode/emoji filename, tags {NULL,x}
--   notifications    1: payload 'null' (jsonb null) ; 2: payload NULL ;
--                    3: jsonb with unicode escapes, big and tiny numbers,
--                       nested arrays, empty key ; 4: body with emoji + CRLF
--   access_logs      rows in the DEFAULT partition (2023-12, 2025-01);
--                    duration_ms NaN on one row; user_agent with quotes and
--                    a backslash
-- =============================================================================

UPDATE users SET first_name = 'Élodie', last_name = 'Dupré-Lefèvre', phone = '',
                 email = 'élodie.dupré@exämple.fr'
 WHERE id = pg_temp.uid('user', 1);
UPDATE users SET first_name = '太郎', last_name = '日本', email = 'taro.nihon@example.jp'
 WHERE id = pg_temp.uid('user', 2);
UPDATE users SET first_name = '🚀 Zoë 👩‍💻', last_name = 'Ω-Test', phone = '06 12 34 56 78'
 WHERE id = pg_temp.uid('user', 3);
UPDATE users SET first_name = '', last_name = E'O''Brien "Bob" \\ back\\slash'
 WHERE id = pg_temp.uid('user', 4);
UPDATE users SET first_name = NULL, last_name = NULL
 WHERE id = pg_temp.uid('user', 5);

UPDATE profiles SET
    bio = E'Tab:\there\nLF:\nline2\r\nCRLF above, lone CR:\rend\n'
          || E'backslash: C:\\Users\\élodie\\cv.pdf\n'
          || E'copy null marker: \\N\n'
          || E'\\.\n'
          || E'quotes: it''s "quoted" and `backticked`\n'
          || 'NULL',
    headline = E'Développeuse "full-stack" \\ l''équipe'
 WHERE user_id = pg_temp.uid('user', 1);
UPDATE profiles SET headline = '', bio = '', languages = '{}'
 WHERE user_id = pg_temp.uid('user', 2);
UPDATE profiles SET headline = NULL, bio = NULL, address = NULL, languages = '{fr,NULL,en}'
 WHERE user_id = pg_temp.uid('user', 3);
UPDATE profiles SET languages = ARRAY['a,b', 'NULL', '', 'quote"d', E'back\\slash', '{braces}', ' padded '],
                    address = ROW('1 "Le Clos" d''en Haut', NULL, NULL, 'Saint-Étienne', NULL)::postal_address
 WHERE user_id = pg_temp.uid('user', 6);
UPDATE profiles SET address = ROW(NULL, NULL, NULL, NULL, NULL)::postal_address
 WHERE user_id = pg_temp.uid('user', 11);
UPDATE profiles SET bio = (SELECT string_agg(format('%s — ligne %s : %s', md5('big' || g), g, repeat('é', g % 7)), E'\n' ORDER BY g)
                           FROM generate_series(1, 20000) AS g)
 WHERE user_id = pg_temp.uid('user', 7);
UPDATE profiles SET
    headline = '日本語のエンジニア 👩‍💻🚀 — مرحبا',
    bio = E'Combining: e\u0301 vs é; ZWJ family: 👨‍👩‍👧‍👦; line separator:\u2028end; BOM:\uFEFF; RTL: שלום',
    extra = extra || '{"nickname": "ねこ 🐱", "quote": "she said \"hi\"", "path": "C:\\temp"}'
 WHERE user_id = pg_temp.uid('user', 8);

WITH s(u, score, years) AS (VALUES
    (1, 'NaN'::float8, 'NaN'::float8), (2, 'Infinity', 0), (3, '-Infinity', '-0'))
UPDATE skills k SET score = s.score, years = s.years
  FROM s
 WHERE k.id = (SELECT min(id) FROM skills WHERE profile_id = pg_temp.uid('profile', s.u));
WITH s(u, score) AS (VALUES (1, '-0'::float8), (2, 1e308), (3, 5e-324))
UPDATE skills k SET score = s.score
  FROM s
 WHERE k.id = (SELECT max(id) FROM skills WHERE profile_id = pg_temp.uid('profile', s.u));
UPDATE skills SET score = 0.1, years = 1e-10
 WHERE id = (SELECT min(id) FROM skills WHERE profile_id = pg_temp.uid('profile', 6));

UPDATE job_preferences SET desired_titles = '{}', contract_types = '{}', preferred_region_ids = '{}',
                           salary_expectation = 'empty'
 WHERE profile_id = pg_temp.uid('profile', 1);
UPDATE job_preferences SET preferred_region_ids = '{1,NULL,3}', salary_expectation = '(,50000]'
 WHERE profile_id = pg_temp.uid('profile', 2);
UPDATE job_preferences SET preferred_region_ids = '{{1,2},{3,4}}', salary_expectation = '[40000,)'
 WHERE profile_id = pg_temp.uid('profile', 3);
UPDATE job_preferences SET preferred_region_ids = NULL, desired_titles = ARRAY[NULL, 'Chef de projet']::text[]
 WHERE profile_id = pg_temp.uid('profile', 6);

WITH v(id, r) AS (VALUES (1, 'NaN'::numeric), (2, 'Infinity'), (3, '-Infinity'), (4, 1e-30),
                         (5, 1234567890123456789012345.123456789012345), (6, 0), (7, NULL))
UPDATE payments p SET fx_rate = v.r FROM v WHERE p.id = v.id;

UPDATE subscriptions SET period = 'empty', status = 'canceled'
 WHERE id = pg_temp.uid('subscription', 2 * 10 + 1) AND status IN ('canceled', 'expired');

UPDATE refresh_tokens SET expires_at = 'infinity', user_agent = E'svc-account "cron"\\worker' WHERE id = 1;
UPDATE admin_invitation_tokens SET expires_at = 'infinity' WHERE id = pg_temp.uid('admin_invite', 1);
UPDATE admin_invitation_tokens SET used_at = '-infinity' WHERE id = pg_temp.uid('admin_invite', 2);

UPDATE companies SET name = E'L''Atelier "Chez Zoé" & Fils', size_range = 'empty', settings = '{}'
 WHERE id = pg_temp.uid('company', 1);
UPDATE companies SET logo = '\x' WHERE id = pg_temp.uid('company', 2);

UPDATE documents SET content = b.body, size_bytes = length(b.body), sha256 = sha256(b.body),
                     filename = 'all-bytes.bin', mime_type = 'application/octet-stream'
  FROM (SELECT decode(string_agg(lpad(to_hex(x), 2, '0'), '' ORDER BY x), 'hex') AS body
          FROM generate_series(0, 255) AS x) AS b
 WHERE id = pg_temp.uid('document', 1);
UPDATE documents SET content = b.body, size_bytes = length(b.body), sha256 = sha256(b.body),
                     filename = 'big-scan.pdf', mime_type = 'application/pdf'
  FROM (SELECT string_agg(sha256(int8send(x)), ''::bytea ORDER BY x) AS body
          FROM generate_series(1, 32768) AS x) AS b
 WHERE id = pg_temp.uid('document', 2);
UPDATE documents SET content = '\x', size_bytes = 0, sha256 = sha256('\x'::bytea),
                     filename = 'empty.txt', mime_type = 'text/plain'
 WHERE id = pg_temp.uid('document', 3);
UPDATE documents SET filename = E'scan\tpage 1\nof 2.pdf'
 WHERE id = pg_temp.uid('document', 4);
UPDATE documents SET filename = 'CV Zoë 日本 🚀 "final" (2).pdf', tags = ARRAY[NULL, 'x']::text[],
                     extracted_text = E'Ligne 1\r\nLigne 2\\N'
 WHERE id = pg_temp.uid('document', 5);

UPDATE notifications SET payload = 'null'::jsonb WHERE id = 1;
UPDATE notifications SET payload = NULL WHERE id = 2;
UPDATE notifications SET payload =
    '{"msg": "caf\u00e9 \ud83d\ude80 \u65e5\u672c", "big": 123456789012345678901234567890.5, "tiny": 1e-20,
      "nested": [[1, [2, [3]]], {}, []], "": "empty key", "nul": null, "bool": false, "tab": "a\tb"}'
 WHERE id = 3;
UPDATE notifications SET body = E'Bravo 🎉 !\r\nVotre profil est complet à 100 %.\r\n— L''équipe'
 WHERE id = 4;

UPDATE access_logs SET duration_ms = 'NaN'
 WHERE id = (SELECT min(id) FROM access_logs WHERE occurred_at >= '2024-01-01 00:00:00+00');
UPDATE access_logs SET user_agent = E'Mozilla/5.0 "quoted" \\ agent\t(tab)'
 WHERE id = 2;

-- =============================================================================
-- 6. Foreign keys, secondary indexes, legacy constraints, triggers
-- =============================================================================

-- auth (inside the service)
ALTER TABLE user_roles
    ADD CONSTRAINT user_roles_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    ADD CONSTRAINT user_roles_role_id_fkey FOREIGN KEY (role_id) REFERENCES roles (id),
    ADD CONSTRAINT user_roles_granted_by_fkey FOREIGN KEY (granted_by) REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE refresh_tokens
    ADD CONSTRAINT refresh_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE admin_invitation_tokens
    ADD CONSTRAINT admin_invitation_tokens_role_id_fkey FOREIGN KEY (role_id) REFERENCES roles (id),
    ADD CONSTRAINT admin_invitation_tokens_invited_by_fkey FOREIGN KEY (invited_by) REFERENCES users (id) ON DELETE SET NULL;

-- candidate (inside the service)
ALTER TABLE experiences
    ADD CONSTRAINT experiences_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES profiles (id) ON DELETE CASCADE;
ALTER TABLE educations
    ADD CONSTRAINT educations_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES profiles (id) ON DELETE CASCADE;
ALTER TABLE certifications
    ADD CONSTRAINT certifications_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES profiles (id) ON DELETE CASCADE;
ALTER TABLE skills
    ADD CONSTRAINT skills_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES profiles (id) ON DELETE CASCADE;
ALTER TABLE job_preferences
    ADD CONSTRAINT job_preferences_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES profiles (id) ON DELETE CASCADE;

-- company (inside the service; one DEFERRABLE)
ALTER TABLE team_members
    ADD CONSTRAINT team_members_company_id_fkey FOREIGN KEY (company_id) REFERENCES companies (id)
        ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE invitations
    ADD CONSTRAINT invitations_company_id_fkey FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE CASCADE;

-- payment (inside the service)
ALTER TABLE subscriptions
    ADD CONSTRAINT subscriptions_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES plans (id);
ALTER TABLE payments
    ADD CONSTRAINT payments_subscription_id_fkey FOREIGN KEY (subscription_id) REFERENCES subscriptions (id);
ALTER TABLE invoices
    ADD CONSTRAINT invoices_payment_id_fkey FOREIGN KEY (payment_id) REFERENCES payments (id),
    ADD CONSTRAINT invoices_subscription_id_fkey FOREIGN KEY (subscription_id) REFERENCES subscriptions (id);
ALTER TABLE quotas
    ADD CONSTRAINT quotas_subscription_id_fkey FOREIGN KEY (subscription_id) REFERENCES subscriptions (id) ON DELETE CASCADE;

-- ACROSS services: these cannot survive the split (cross_target_foreign_keys).
ALTER TABLE profiles        -- candidate -> auth
    ADD CONSTRAINT profiles_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE companies       -- company -> auth
    ADD CONSTRAINT companies_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES users (id);
ALTER TABLE team_members    -- company -> auth
    ADD CONSTRAINT team_members_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE subscriptions   -- payment -> company
    ADD CONSTRAINT subscriptions_company_id_fkey FOREIGN KEY (company_id) REFERENCES companies (id);
ALTER TABLE documents       -- document -> auth
    ADD CONSTRAINT documents_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE notifications   -- logs -> auth
    ADD CONSTRAINT notifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL;

-- A legacy rule added without validating old rows: about 1 user in 11 (and
-- users 1 and 3) violate it.  A copy must keep it NOT VALID.
ALTER TABLE users ADD CONSTRAINT users_phone_format
    CHECK (phone IS NULL OR phone ~ '^\+[0-9]{6,15}$') NOT VALID;

-- Secondary indexes
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));                       -- unique expression
CREATE INDEX users_status_created_idx ON users (status, created_at);
CREATE INDEX users_created_at_brin ON users USING brin (created_at);                     -- BRIN
CREATE INDEX refresh_tokens_live_idx ON refresh_tokens (user_id, expires_at)
    WHERE revoked_at IS NULL;                                                            -- partial
CREATE INDEX user_roles_role_id_idx ON user_roles (role_id);

CREATE INDEX profiles_extra_gin ON profiles USING gin (extra jsonb_path_ops);            -- GIN jsonb
CREATE INDEX profiles_review_queue_idx ON profiles (created_at)
    WHERE status IN ('submitted', 'in_review');                                          -- partial
CREATE INDEX profiles_city_idx ON profiles (((address).city));                          -- composite field
CREATE INDEX experiences_profile_id_idx ON experiences (profile_id);
CREATE INDEX educations_profile_id_idx ON educations (profile_id);
CREATE INDEX certifications_profile_id_idx ON certifications (profile_id);
CREATE INDEX skills_name_lower_idx ON skills (lower(name));                              -- expression
CREATE INDEX job_preferences_contract_types_gin ON job_preferences USING gin (contract_types); -- GIN array

CREATE INDEX companies_name_lower_idx ON companies (lower(name) text_pattern_ops);       -- expression + opclass
CREATE INDEX companies_settings_gin ON companies USING gin (settings);                  -- GIN jsonb
CREATE INDEX companies_owner_id_idx ON companies (owner_id);
CREATE INDEX team_members_user_id_idx ON team_members (user_id);

CREATE INDEX subscriptions_period_gist ON subscriptions USING gist (period);            -- GiST range
CREATE INDEX payments_subscription_paid_idx ON payments (subscription_id, paid_at DESC NULLS LAST);
CREATE INDEX payments_failed_idx ON payments (created_at) WHERE status = 'failed';      -- partial
CREATE INDEX invoices_subscription_id_idx ON invoices (subscription_id);
CREATE INDEX quotas_company_id_idx ON quotas (company_id);

CREATE INDEX documents_owner_live_idx ON documents (owner_id, uploaded_at DESC)
    WHERE deleted_at IS NULL;                                                            -- partial
CREATE INDEX documents_tags_gin ON documents USING gin (tags);                          -- GIN array
CREATE INDEX documents_metadata_gin ON documents USING gin (metadata);

CREATE INDEX notifications_unread_idx ON notifications (user_id, created_at)
    WHERE read_at IS NULL;                                                               -- partial
CREATE INDEX notifications_payload_gin ON notifications USING gin (payload jsonb_path_ops);
CREATE INDEX access_logs_user_idx ON access_logs (user_id, occurred_at);                 -- partitioned index
CREATE INDEX access_logs_details_gin ON access_logs USING gin (details);
CREATE INDEX access_logs_errors_idx ON access_logs (occurred_at) WHERE status_code >= 500;

-- Triggers (created after the data so that the load stays deterministic)
CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER profiles_set_updated_at BEFORE UPDATE ON profiles
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER job_preferences_set_updated_at BEFORE UPDATE ON job_preferences
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER companies_set_updated_at BEFORE UPDATE ON companies
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER subscriptions_set_updated_at BEFORE UPDATE ON subscriptions
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER documents_set_updated_at BEFORE UPDATE ON documents
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- =============================================================================
-- 7. Views
-- =============================================================================

-- Inside one service (auth).
CREATE VIEW active_users AS
SELECT u.id, u.email, u.first_name, u.last_name, u.status, u.last_login_at,
       array_agg(r.name ORDER BY r.name) FILTER (WHERE r.name IS NOT NULL) AS roles
  FROM users u
  LEFT JOIN user_roles ur ON ur.user_id = u.id
  LEFT JOIN roles r ON r.id = ur.role_id
 WHERE u.status = 'active'
 GROUP BY u.id;
COMMENT ON VIEW active_users IS 'Active accounts with their role names (auth only).';

-- Inside one service (company); also defined by the company service's
-- repeatable Flyway migration R__views.sql.
CREATE VIEW company_team_sizes AS
SELECT c.id AS company_id, c.name, count(t.id) AS members
  FROM companies c
  LEFT JOIN team_members t ON t.company_id = c.id
 GROUP BY c.id, c.name;

-- Spanning two services (candidate + auth): cannot follow either table alone.
CREATE VIEW candidate_directory AS
SELECT p.id AS profile_id, u.id AS user_id, u.email,
       concat_ws(' ', u.first_name, u.last_name) AS full_name,
       p.headline, (p.address).city AS city, p.status, p.completion_pct
  FROM profiles p
  JOIN users u ON u.id = p.user_id
 WHERE p.status = 'validated' AND u.status = 'active';
COMMENT ON VIEW candidate_directory IS 'Recruiter-facing directory; joins candidate and auth data.';

-- Materialized, inside one service (payment).
CREATE MATERIALIZED VIEW payment_monthly_revenue AS
SELECT date_trunc('month', p.paid_at) AS month, p.currency,
       count(*) AS payments, sum(p.amount) AS revenue
  FROM payments p
 WHERE p.status = 'succeeded'
 GROUP BY 1, 2
WITH DATA;
CREATE UNIQUE INDEX payment_monthly_revenue_key ON payment_monthly_revenue (month, currency);
COMMENT ON MATERIALIZED VIEW payment_monthly_revenue IS 'Succeeded payments per month (refresh nightly).';

-- =============================================================================
-- 8. Comments
-- =============================================================================

COMMENT ON TABLE users IS 'Login accounts (auth service). Candidates and recruiters alike.';
COMMENT ON COLUMN users.email_domain IS 'Generated: lower-cased domain part of email.';
COMMENT ON COLUMN users.password_hash IS 'argon2id hash; never logged.';
COMMENT ON TABLE refresh_tokens IS 'UNLOGGED on purpose: tokens are reissued after a crash.';
COMMENT ON COLUMN refresh_tokens.token_hash IS 'SHA-256 of the opaque token.';
COMMENT ON TABLE profiles IS 'Candidate profiles (candidate service); user_id points to auth.users.';
COMMENT ON COLUMN profiles.extra IS 'Free-form attributes: source, visibility, tags, scores.';
COMMENT ON TABLE companies IS 'Employer accounts (company service).';
COMMENT ON COLUMN companies.siret IS 'French establishment number, 14 digits (checked by is_valid_siret).';
COMMENT ON TABLE subscriptions IS 'One row per billing period contract (payment service).';
COMMENT ON COLUMN subscriptions.period IS 'Billing period; an unbounded upper bound means "until cancelled".';
COMMENT ON COLUMN invoices.amount_total IS 'Generated: amount_excl_tax + tax_amount.';
COMMENT ON COLUMN quotas.usage_ratio IS 'used / quota_limit; NaN for 0/0, Infinity when the limit is 0.';
COMMENT ON TABLE documents IS 'Uploaded files; small ones are stored inline in content.';
COMMENT ON TABLE notifications IS 'Outgoing notifications (notification service, logs database).';
COMMENT ON TABLE access_logs IS 'HTTP audit trail, partitioned by month (audit service, logs database).';
COMMENT ON TABLE alembic_version IS 'Migration state of the monolith; never copied by pgsplit.';

COMMIT;

ANALYZE;
