-- shoplake: delete duplicate orders on each customer's most recent order date (MySQL 8+, MariaDB 10.2+).
--
-- Rule: for each customer, take the customer's most recent order DATE (the calendar day of order_date; orders
-- carry a time of day, so two orders at 09:00 and 17:30 on that day are on the same date). Of the orders on that
-- date keep the one with the lowest id and delete every other one, together with its order details. Orders of
-- other dates are never touched, and neither are orders without a customer_id (they belong to no customer).
--
-- Foreign keys: order_details.order_id references orders.id with the default ON DELETE RESTRICT (see
-- create_schema_and_tables.sql). We delete the children first, explicitly, then the orders. We chose that over
-- ON DELETE CASCADE because the script then states everything it removes, the preview below shows exactly those
-- rows, and it behaves the same on a schema where someone forgot (or refused) the cascade. With RESTRICT, deleting
-- the orders first would fail with error 1451, which is the safety net: no order details are ever orphaned.
--
-- Preview before deleting: run the script with the last line changed from COMMIT to ROLLBACK. Steps 1 and 2
-- print exactly the orders and details that would go; the ROLLBACK then undoes the deletes. Or run only the
-- SELECT in step 1 (it changes nothing).
--
-- Run: mysql -h 127.0.0.1 -P 3306 -u root -p northwind < sql/mysql/delete_duplicate_orders.sql

-- All or nothing: either every duplicate order and its details go, or (on any error) nothing does.
START TRANSACTION;

-- Step 1: fix the list of orders to delete once, before deleting anything. A temporary table because MySQL cannot
-- delete from a table while a subquery reads that same table (error 1093), and because after step 3 the remaining
-- orders would give a different answer. The window functions rank each customer's orders per date by id (rn = 1
-- is the one kept) and find the customer's latest date. Run it when no one is inserting orders at the same
-- time: an order inserted between step 1 and COMMIT is not considered.
DROP TEMPORARY TABLE IF EXISTS orders_to_delete;
CREATE TEMPORARY TABLE orders_to_delete (id INT NOT NULL PRIMARY KEY) AS
SELECT ranked.id
FROM (
    SELECT o.id,
           DATE(o.order_date) AS order_day,
           MAX(DATE(o.order_date)) OVER (PARTITION BY o.customer_id) AS latest_day,
           ROW_NUMBER() OVER (PARTITION BY o.customer_id, DATE(o.order_date) ORDER BY o.id) AS rn
    FROM orders o
    WHERE o.customer_id IS NOT NULL AND o.order_date IS NOT NULL
) ranked
WHERE ranked.order_day = ranked.latest_day
  AND ranked.rn > 1;

-- Step 2 (preview): the orders and order details about to be deleted.
SELECT o.* FROM orders o JOIN orders_to_delete d ON d.id = o.id ORDER BY o.customer_id, o.id;
SELECT od.* FROM order_details od JOIN orders_to_delete d ON d.id = od.order_id ORDER BY od.order_id, od.product_id;

-- Step 3: the children first, or the orders' foreign key (RESTRICT) refuses step 4.
DELETE od FROM order_details od JOIN orders_to_delete d ON d.id = od.order_id;

-- Step 4: the duplicate orders themselves.
DELETE o FROM orders o JOIN orders_to_delete d ON d.id = o.id;

DROP TEMPORARY TABLE orders_to_delete;

COMMIT;
