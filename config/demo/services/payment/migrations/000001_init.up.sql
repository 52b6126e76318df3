CREATE DOMAIN currency_code AS char(3) DEFAULT 'EUR'
    CONSTRAINT currency_code_format CHECK (VALUE ~ '^[A-Z]{3}$');
CREATE TYPE subscription_status AS ENUM ('trialing', 'active', 'past_due', 'canceled', 'expired');

CREATE TABLE plans (
    id             smallint PRIMARY KEY,
    code           text NOT NULL UNIQUE,
    name           text NOT NULL,
    price_monthly  numeric(10,2) NOT NULL CHECK (price_monthly >= 0),
    currency       currency_code NOT NULL,
    features       jsonb NOT NULL DEFAULT '{}',
    max_job_posts  integer,
    is_active      boolean NOT NULL DEFAULT true
);

CREATE TABLE subscriptions (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id           uuid NOT NULL,   -- a company-service id
    plan_id              smallint NOT NULL REFERENCES plans (id),
    status               subscription_status NOT NULL DEFAULT 'trialing',
    period               tstzrange NOT NULL,
    cancel_at_period_end boolean NOT NULL DEFAULT false,
    external_ref         text UNIQUE,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX subscriptions_one_live_per_company ON subscriptions (company_id)
    WHERE status IN ('trialing', 'active', 'past_due');
CREATE INDEX subscriptions_period_gist ON subscriptions USING gist (period);
