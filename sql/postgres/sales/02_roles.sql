-- Team roles (group roles without login: grant them to people's login roles). Idempotent.
-- logistics: read all sales data including weights, and update a transaction's status only.
-- analytics: read only.
-- sales:     add and remove items (and add manufacturers); items that were sold cannot be deleted (the lines keep
--            them), so sales take them off sale with is_listed = false instead.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'logistics') THEN CREATE ROLE logistics NOLOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'analytics') THEN CREATE ROLE analytics NOLOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sales') THEN CREATE ROLE sales NOLOGIN; END IF;
END $$;

GRANT USAGE ON SCHEMA public TO logistics, analytics, sales;

GRANT SELECT ON members, manufacturers, items, transactions, transaction_lines TO logistics;
GRANT UPDATE (status) ON transactions TO logistics;

GRANT SELECT ON members, manufacturers, items, transactions, transaction_lines TO analytics;

GRANT SELECT, INSERT, DELETE ON items TO sales;
GRANT UPDATE (is_listed) ON items TO sales;
GRANT SELECT, INSERT ON manufacturers TO sales;
