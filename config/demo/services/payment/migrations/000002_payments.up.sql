CREATE TYPE payment_status AS ENUM ('pending', 'succeeded', 'failed', 'refunded');

CREATE TABLE payments (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id  uuid NOT NULL REFERENCES subscriptions (id),
    amount           numeric(12,2) NOT NULL CHECK (amount >= 0),
    currency         currency_code NOT NULL,
    fx_rate          numeric,
    status           payment_status NOT NULL,
    provider         text NOT NULL DEFAULT 'stripe',
    provider_payload jsonb,
    paid_at          timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payments_subscription_paid_idx ON payments (subscription_id, paid_at DESC NULLS LAST);
CREATE INDEX payments_failed_idx ON payments (created_at) WHERE status = 'failed';
