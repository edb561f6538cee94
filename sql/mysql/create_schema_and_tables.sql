-- shoplake: the orders source database (a Northwind-style shop), for MySQL 8+ and MariaDB 10.5+.
--
-- Five tables: customers, employees, products, orders, order_details, with primary keys and foreign keys.
-- Safe to run again: every statement is IF NOT EXISTS. Run it with the mysql client:
--   mysql -h 127.0.0.1 -P 3306 -u root -p < sql/mysql/create_schema_and_tables.sql
-- `./shoplake mysql load` runs the CREATE TABLE statements below in the database named in its --url
-- (default northwind), so the same file defines the schema for people and for the loader.
--
-- Types: ids are INT (the generator's and Northwind's ids fit); money is DECIMAL(19,4) (exact, never FLOAT);
-- order_date is DATETIME because orders carry a time of day; the other dates are DATE. Foreign keys use the
-- default ON DELETE RESTRICT: deleting an order that still has details fails instead of silently taking the
-- details with it; sql/mysql/delete_duplicate_orders.sql deletes children first, explicitly.

CREATE SCHEMA IF NOT EXISTS northwind DEFAULT CHARACTER SET utf8mb4;
USE northwind;

CREATE TABLE IF NOT EXISTS customers (
    id            INT          NOT NULL,
    last_name     VARCHAR(50)  NULL,
    first_name    VARCHAR(50)  NULL,
    email         VARCHAR(100) NULL,
    company       VARCHAR(100) NULL,
    phone         VARCHAR(30)  NULL,
    address1      VARCHAR(150) NULL,
    address2      VARCHAR(150) NULL,
    city          VARCHAR(60)  NULL,
    state         VARCHAR(60)  NULL,
    postal_code   VARCHAR(15)  NULL,
    country       VARCHAR(60)  NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;

CREATE TABLE IF NOT EXISTS employees (
    id            INT          NOT NULL,
    last_name     VARCHAR(50)  NULL,
    first_name    VARCHAR(50)  NULL,
    email         VARCHAR(100) NULL,
    phone         VARCHAR(30)  NULL,
    address1      VARCHAR(150) NULL,
    address2      VARCHAR(150) NULL,
    city          VARCHAR(60)  NULL,
    state         VARCHAR(60)  NULL,
    postal_code   VARCHAR(15)  NULL,
    country       VARCHAR(60)  NULL,
    avatar        VARCHAR(255) NULL,
    job_title     VARCHAR(100) NULL,
    department    VARCHAR(60)  NULL,
    manager_id    INT          NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_employees_manager FOREIGN KEY (manager_id) REFERENCES employees (id)
) ENGINE = InnoDB;

CREATE TABLE IF NOT EXISTS products (
    id                       INT           NOT NULL,
    product_code             VARCHAR(25)   NULL,
    product_name             VARCHAR(100)  NULL,
    description              VARCHAR(1000) NULL,
    standard_cost            DECIMAL(19,4) NULL,
    list_price               DECIMAL(19,4) NULL,
    target_level             INT           NULL,
    reorder_level            INT           NULL,
    minimum_reorder_quantity INT           NULL,
    quantity_per_unit        VARCHAR(50)   NULL,
    discontinued             TINYINT       NOT NULL DEFAULT 0,
    category                 VARCHAR(50)   NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;

CREATE TABLE IF NOT EXISTS orders (
    id               INT           NOT NULL,
    employee_id      INT           NULL,
    customer_id      INT           NULL,
    order_date       DATETIME      NULL,
    shipped_date     DATE          NULL,
    ship_name        VARCHAR(100)  NULL,
    ship_address1    VARCHAR(150)  NULL,
    ship_address2    VARCHAR(150)  NULL,
    ship_city        VARCHAR(60)   NULL,
    ship_state       VARCHAR(60)   NULL,
    ship_postal_code VARCHAR(15)   NULL,
    ship_country     VARCHAR(60)   NULL,
    shipping_fee     DECIMAL(19,4) NULL,
    payment_type     VARCHAR(50)   NULL,
    paid_date        DATE          NULL,
    order_status     VARCHAR(25)   NULL,
    PRIMARY KEY (id),
    -- the delete script and the order-pattern questions look orders up per customer and date
    KEY ix_orders_customer_date (customer_id, order_date),
    CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id),
    CONSTRAINT fk_orders_employee FOREIGN KEY (employee_id) REFERENCES employees (id)
) ENGINE = InnoDB;

CREATE TABLE IF NOT EXISTS order_details (
    order_id            INT           NOT NULL,
    product_id          INT           NOT NULL,
    quantity            INT           NULL,
    unit_price          DECIMAL(19,4) NULL,
    discount            DECIMAL(19,4) NULL,
    order_detail_status VARCHAR(25)   NULL,
    date_allocated      DATE          NULL,
    -- an order lists a product once; a re-delivered line updates it instead of duplicating it
    PRIMARY KEY (order_id, product_id),
    KEY ix_order_details_product (product_id),
    CONSTRAINT fk_order_details_order FOREIGN KEY (order_id) REFERENCES orders (id),
    CONSTRAINT fk_order_details_product FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE = InnoDB;
