CREATE FUNCTION next_month_start() RETURNS timestamptz
    LANGUAGE sql STABLE AS
$$ SELECT date_trunc('month', now()) + interval '1 month' $$;

CREATE TABLE quotas (
    id              serial PRIMARY KEY,
    company_id      uuid NOT NULL,
    subscription_id uuid NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    resource        text NOT NULL CHECK (resource IN ('job_posts', 'cv_views', 'messages', 'exports')),
    used            integer NOT NULL DEFAULT 0 CHECK (used >= 0),
    quota_limit     integer,
    usage_ratio     double precision,
    resets_at       timestamptz NOT NULL DEFAULT next_month_start(),
    CONSTRAINT quotas_subscription_resource_key UNIQUE (subscription_id, resource)
);
CREATE INDEX quotas_company_id_idx ON quotas (company_id);
