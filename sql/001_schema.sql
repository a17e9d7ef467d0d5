-- The schema shared by the FaxStore check API and the FluentCart licensing API.
-- Names follow FluentCart Pro's tables where they exist, so that DBAs who know FluentCart find their way;
-- every table and column a report may read carries a COMMENT.

CREATE TABLE products (
    id          bigserial PRIMARY KEY,
    title       text NOT NULL CHECK (title <> ''),
    slug        text NOT NULL CHECK (slug ~ '^[a-z0-9-]+$'),
    description text NOT NULL DEFAULT '',
    permalink   text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE products IS 'Products sold with licenses; the FluentCart item_id and the FaxStore product id.';
COMMENT ON COLUMN products.permalink IS 'Product page URL; NULL means <base>/item/<slug>/.';

CREATE TABLE product_variations (
    id              bigserial PRIMARY KEY,
    product_id      bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    title           text NOT NULL DEFAULT '',
    payment_type    text NOT NULL DEFAULT 'onetime' CHECK (payment_type IN ('onetime', 'subscription')),
    repeat_interval text CHECK (repeat_interval IN ('daily', 'weekly', 'monthly', 'quarterly', 'half_yearly', 'yearly')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX product_variations_product_id_idx ON product_variations (product_id);
COMMENT ON TABLE product_variations IS 'Price variations of a product; every product has at least one.';

CREATE TABLE product_license_settings (
    product_id   bigint PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
    settings     jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(settings) = 'object'),
    changelog    text NOT NULL DEFAULT '',
    license_keys text NOT NULL DEFAULT '',
    updated_at   timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE product_license_settings IS
    'FluentCart license settings per product (enabled, version, prefix, variations{id: limit, validity}, wp{...}); no row = never configured.';

CREATE TABLE users (
    id         bigserial PRIMARY KEY,
    login      text NOT NULL CHECK (login ~ '^[A-Za-z0-9_.@-]{1,60}$'),
    email      text NOT NULL CHECK (position('@' IN email) > 1),
    role       text NOT NULL CHECK (role IN ('administrator', 'super_admin', 'manager', 'worker', 'accountant', 'customer')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_login_key ON users (lower(login));
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
COMMENT ON TABLE users IS 'People and tools that call the REST API; they authenticate with application passwords.';

CREATE TABLE application_passwords (
    id            bigserial PRIMARY KEY,
    user_id       bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          text NOT NULL DEFAULT 'cli',
    password_hash text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz
);
CREATE INDEX application_passwords_user_id_idx ON application_passwords (user_id);
COMMENT ON COLUMN application_passwords.password_hash IS 'PBKDF2-SHA256 in the form pbkdf2-sha256$<rounds>$<salt b64>$<hash b64>; never the password.';

CREATE TABLE customers (
    id         bigserial PRIMARY KEY,
    email      text NOT NULL CHECK (position('@' IN email) > 1),
    first_name text NOT NULL DEFAULT '',
    last_name  text NOT NULL DEFAULT '',
    user_id    bigint UNIQUE REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX customers_email_key ON customers (lower(email));
COMMENT ON TABLE customers IS 'Buyers; a user''s customer is the row with its user_id, else the row with its email.';

CREATE TABLE orders (
    id          bigint PRIMARY KEY,
    uuid        text NOT NULL DEFAULT gen_random_uuid()::text,
    parent_id   bigint,
    type        text NOT NULL DEFAULT 'payment',
    customer_id bigint REFERENCES customers (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE orders IS 'Store orders, filled by lifecycle events; id is the store''s own order id.';

CREATE TABLE subscriptions (
    id                bigint PRIMARY KEY,
    next_billing_date timestamptz,
    reactivate_url    text NOT NULL DEFAULT '',
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE subscriptions IS 'Store subscriptions, filled by lifecycle events; id is the store''s own id.';

CREATE TABLE licenses (
    id                 bigserial PRIMARY KEY,
    status             text NOT NULL DEFAULT 'inactive' CHECK (status IN ('inactive', 'active', 'expired', 'disabled')),
    activation_limit   bigint NOT NULL DEFAULT 0 CHECK (activation_limit >= 0),
    activation_count   bigint NOT NULL DEFAULT 0 CHECK (activation_count >= 0),
    license_key        text NOT NULL CHECK (license_key ~ '^[A-Za-z0-9_-]{8,192}$'),
    product_id         bigint NOT NULL REFERENCES products (id),
    variation_id       bigint REFERENCES product_variations (id) ON DELETE SET NULL,
    order_id           bigint REFERENCES orders (id) ON DELETE SET NULL,
    customer_id        bigint REFERENCES customers (id) ON DELETE SET NULL,
    subscription_id    bigint REFERENCES subscriptions (id) ON DELETE SET NULL,
    parent_id          bigint,
    last_reminder_sent timestamptz,
    last_reminder_type text,
    expiration_date    timestamptz,
    config             jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(config) = 'object'),
    ip                 inet CHECK (ip IS NULL OR masklen(ip) = CASE family(ip) WHEN 4 THEN 32 ELSE 128 END),
    ip_lock            boolean NOT NULL DEFAULT false,
    owner_enabled      boolean NOT NULL DEFAULT true,
    total_requests     bigint NOT NULL DEFAULT 0,
    last_request_at    timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
) WITH (fillfactor = 85);  -- room for HOT updates of the counters every logged check bumps
CREATE UNIQUE INDEX licenses_license_key_key ON licenses (lower(license_key));
CREATE INDEX licenses_product_id_idx ON licenses (product_id);
CREATE INDEX licenses_customer_id_idx ON licenses (customer_id);
CREATE INDEX licenses_order_id_idx ON licenses (order_id);
CREATE INDEX licenses_subscription_id_idx ON licenses (subscription_id);
CREATE INDEX licenses_expiring_idx ON licenses (expiration_date) WHERE status IN ('active', 'inactive');
COMMENT ON TABLE licenses IS 'One license key; FluentCart columns plus the FaxStore fields (ip, ip_lock, owner_enabled, total_requests, last_request_at).';
COMMENT ON COLUMN licenses.activation_limit IS 'Sites allowed; 0 = unlimited.';
COMMENT ON COLUMN licenses.activation_count IS 'Active non-local activations, recomputed under the row lock on every change.';
COMMENT ON COLUMN licenses.license_key IS 'Secret; unique ignoring case. Reports must never select it.';
COMMENT ON COLUMN licenses.expiration_date IS 'NULL = lifetime. The public APIs allow 15 days of grace after it.';
COMMENT ON COLUMN licenses.ip IS 'FaxStore authIP: the one address an IP-locked key may be checked from (IPv4-mapped addresses stored as IPv4).';
COMMENT ON COLUMN licenses.ip_lock IS 'FaxStore iplocked: checks from another address answer NOT AUTHORISED.';
COMMENT ON COLUMN licenses.owner_enabled IS 'FaxStore authStatus: the owner''s own on/off switch; off answers NOT ACTIVE.';
COMMENT ON COLUMN licenses.total_requests IS 'FaxStore totalRequests: logged checks that resolved this license.';

CREATE TABLE license_sites (
    id               bigserial PRIMARY KEY,
    site_url         text NOT NULL CHECK (length(site_url) BETWEEN 1 AND 192),
    server_version   text NOT NULL DEFAULT '',
    platform_version text NOT NULL DEFAULT '',
    other            jsonb NOT NULL DEFAULT '[]',
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX license_sites_site_url_key ON license_sites (lower(site_url));
COMMENT ON TABLE license_sites IS 'Normalized site URLs (no scheme, no trailing slash), shared by every license activated there.';

CREATE TABLE license_activations (
    id                  bigserial PRIMARY KEY,
    site_id             bigint NOT NULL REFERENCES license_sites (id),
    license_id          bigint NOT NULL REFERENCES licenses (id) ON DELETE CASCADE,
    status              text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
    is_local            boolean NOT NULL DEFAULT false,
    product_id          bigint NOT NULL,
    variation_id        bigint,
    activation_method   text NOT NULL DEFAULT 'key_based',
    activation_hash     text NOT NULL CHECK (activation_hash ~ '^[0-9a-f]{32}$'),
    last_update_version text NOT NULL DEFAULT '',
    last_update_date    timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (license_id, site_id)
);
CREATE UNIQUE INDEX license_activations_activation_hash_key ON license_activations (activation_hash);
CREATE INDEX license_activations_site_id_idx ON license_activations (site_id);
COMMENT ON TABLE license_activations IS 'A license in use on a site; is_local sites (staging, localhost) do not use a slot.';
COMMENT ON COLUMN license_activations.activation_hash IS 'Bearer credential naming this (license, site) pair; 32 lowercase hex.';

CREATE TABLE license_meta (
    id          bigserial PRIMARY KEY,
    object_id   bigint NOT NULL,
    object_type text NOT NULL CHECK (object_type IN ('license', 'activation', 'site')),
    meta_key    text NOT NULL,
    meta_value  jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX license_meta_object_idx ON license_meta (object_type, object_id);
COMMENT ON TABLE license_meta IS 'FluentCart license meta, kept for parity; no route reads it.';

CREATE TABLE license_checks (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at            timestamptz NOT NULL DEFAULT now(),
    license_id            bigint REFERENCES licenses (id) ON DELETE SET NULL,
    product_id            bigint,
    requested_product_ids bigint[],
    ip                    inet,
    user_agent            text NOT NULL DEFAULT '' CHECK (length(user_agent) <= 512),
    info                  text NOT NULL DEFAULT '' CHECK (length(info) <= 1000),
    result                text NOT NULL,
    api                   text NOT NULL CHECK (api IN ('check', 'multiple', 'v1'))
);
CREATE INDEX license_checks_license_id_idx ON license_checks (license_id, id DESC);
CREATE INDEX license_checks_created_at_idx ON license_checks USING brin (created_at);
COMMENT ON TABLE license_checks IS 'The check log: one row per logged FaxStore check. Never holds the presented key.';
COMMENT ON COLUMN license_checks.product_id IS 'The product in the path; for a multiple check the matched product (NULL when none matched).';
COMMENT ON COLUMN license_checks.result IS 'The FaxStore status answered: AUTHORISED, OK (V1), NOT FOUND, KEY DISABLED, NOT ACTIVE, KEY EXPIRED, NOT AUTHORISED.';

CREATE TABLE event_inbox (
    event_id    text PRIMARY KEY CHECK (length(event_id) BETWEEN 1 AND 191),
    type        text NOT NULL,
    body_sha256 text NOT NULL,
    result      jsonb NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE event_inbox IS 'Store events already processed; a repeated event_id changes nothing.';

CREATE TABLE webhook_outbox (
    id              bigserial PRIMARY KEY,
    event_id        text NOT NULL UNIQUE,
    type            text NOT NULL,
    payload         jsonb NOT NULL,
    target_url      text NOT NULL,
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz
);
CREATE INDEX webhook_outbox_due_idx ON webhook_outbox (next_attempt_at) WHERE status = 'pending';
COMMENT ON TABLE webhook_outbox IS 'Outgoing webhooks, written in the transaction that caused them and delivered with retries.';

CREATE TABLE settings (
    key        text PRIMARY KEY,
    value      jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE settings IS 'Key/value settings of this installation (e.g. its own registered license).';

CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    actor       text NOT NULL,
    action      text NOT NULL,
    object_type text NOT NULL,
    object_id   bigint,
    before      jsonb,
    after       jsonb
);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id, id DESC);
COMMENT ON TABLE audit_log IS 'Every admin change: who (cli:<os user> or user:<login>), what, before/after (keys redacted), when.';
COMMENT ON COLUMN audit_log.actor IS 'cli:<os user> for the command line, user:<login> for the REST API.';
