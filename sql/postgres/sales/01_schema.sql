-- The members' sales database (PostgreSQL 12+). Idempotent: safe to run again.
-- Grain: members (one row per member), manufacturers, items (one per item on sale), transactions (one per
-- purchase) and transaction_lines (one per item in a purchase, with the quantity and the price and weight per unit
-- at the time of sale). A transaction's total_price and total_weight_kg are the sums of its lines; a deferred
-- constraint trigger checks that at commit, so the stored totals (kept for fast analyst queries) never drift.

CREATE TABLE IF NOT EXISTS members (
    member_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    membership_id  text        NOT NULL CHECK (membership_id ~ '^.+_[0-9a-f]{5}$'),
    email          text        NOT NULL CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+\.(com|net)$'),
    first_name     text        NOT NULL,
    last_name      text        NOT NULL,
    date_of_birth  date        NOT NULL,
    mobile_no      char(8)     NOT NULL CHECK (mobile_no ~ '^[0-9]{8}$'),
    joined_at      timestamptz NOT NULL DEFAULT now(),
    -- Two applicants may share a membership id (same last name and birthday): the email tells them apart.
    CONSTRAINT members_membership_email_key UNIQUE (membership_id, email)
);

CREATE TABLE IF NOT EXISTS manufacturers (
    manufacturer_id  bigint PRIMARY KEY,
    name             text NOT NULL UNIQUE
);

CREATE TABLE IF NOT EXISTS items (
    item_id          bigint        PRIMARY KEY,
    name             text          NOT NULL,
    manufacturer_id  bigint        NOT NULL REFERENCES manufacturers (manufacturer_id),
    cost             numeric(12,2) NOT NULL CHECK (cost > 0),
    weight_kg        numeric(10,3) NOT NULL CHECK (weight_kg > 0),
    is_listed        boolean       NOT NULL DEFAULT true,
    CONSTRAINT items_manufacturer_name_key UNIQUE (manufacturer_id, name)
);
CREATE INDEX IF NOT EXISTS items_manufacturer_idx ON items (manufacturer_id);

CREATE TABLE IF NOT EXISTS transactions (
    transaction_id   bigint        PRIMARY KEY,
    member_id        bigint        NOT NULL REFERENCES members (member_id),
    purchased_at     timestamptz   NOT NULL,
    status           text          NOT NULL DEFAULT 'placed'
                     CHECK (status IN ('placed', 'packed', 'shipped', 'delivered', 'cancelled')),
    total_price      numeric(14,2) NOT NULL CHECK (total_price >= 0),
    total_weight_kg  numeric(14,3) NOT NULL CHECK (total_weight_kg >= 0)
);
CREATE INDEX IF NOT EXISTS transactions_member_idx ON transactions (member_id);
CREATE INDEX IF NOT EXISTS transactions_purchased_at_idx ON transactions (purchased_at);
CREATE INDEX IF NOT EXISTS transactions_status_idx ON transactions (status);

CREATE TABLE IF NOT EXISTS transaction_lines (
    transaction_id  bigint        NOT NULL REFERENCES transactions (transaction_id) ON DELETE CASCADE,
    item_id         bigint        NOT NULL REFERENCES items (item_id),
    quantity        integer       NOT NULL CHECK (quantity > 0),
    unit_price      numeric(12,2) NOT NULL CHECK (unit_price >= 0),
    unit_weight_kg  numeric(10,3) NOT NULL CHECK (unit_weight_kg > 0),
    line_price      numeric(14,2) GENERATED ALWAYS AS (quantity * unit_price) STORED,
    line_weight_kg  numeric(14,3) GENERATED ALWAYS AS (quantity * unit_weight_kg) STORED,
    PRIMARY KEY (transaction_id, item_id)
);
CREATE INDEX IF NOT EXISTS transaction_lines_item_idx ON transaction_lines (item_id);

-- Totals equal the sums of the lines, checked once per transaction at commit (lines are inserted after their
-- transaction in the same database transaction).
CREATE OR REPLACE FUNCTION check_transaction_totals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    id bigint;
    stored record;
    summed record;
BEGIN
    IF TG_OP = 'DELETE' THEN
        id := OLD.transaction_id;
    ELSE
        id := NEW.transaction_id;
    END IF;
    SELECT total_price, total_weight_kg INTO stored FROM transactions WHERE transaction_id = id;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    SELECT COALESCE(sum(line_price), 0) AS price, COALESCE(sum(line_weight_kg), 0) AS weight
      INTO summed FROM transaction_lines WHERE transaction_id = id;
    IF stored.total_price <> summed.price OR stored.total_weight_kg <> summed.weight THEN
        RAISE EXCEPTION 'transaction % totals (%, % kg) differ from its lines (%, % kg)',
            id, stored.total_price, stored.total_weight_kg, summed.price, summed.weight;
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS transactions_totals_check ON transactions;
CREATE CONSTRAINT TRIGGER transactions_totals_check AFTER INSERT OR UPDATE ON transactions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_transaction_totals();
DROP TRIGGER IF EXISTS transaction_lines_totals_check ON transaction_lines;
CREATE CONSTRAINT TRIGGER transaction_lines_totals_check AFTER INSERT OR UPDATE OR DELETE ON transaction_lines
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_transaction_totals();
