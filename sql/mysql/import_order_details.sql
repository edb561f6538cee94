-- shoplake: import an order_details CSV file into northwind.order_details with LOAD DATA LOCAL INFILE.
--
-- The file: a header line, then order_id,product_id,quantity,unit_price,discount,order_detail_status,
-- date_allocated; fields may be enclosed in double quotes; lines end in LF or CRLF; an empty field means NULL.
--
-- Run it from the folder holding the file (LOCAL paths are read by the client, relative to where it runs):
--   mysql --local-infile=1 -h 127.0.0.1 -P 3306 -u root -p northwind < sql/mysql/import_order_details.sql
-- For split extracts (order_details-0001.csv, ...) repeat the statement per file, e.g.
--   for f in order_details*.csv; do sed "s|'order_details.csv'|'$f'|" sql/mysql/import_order_details.sql \
--     | mysql --local-infile=1 -u root -p northwind; done
--
-- local_infile: LOCAL needs it on at both ends. The server: SET GLOBAL local_infile = 1; (MySQL 8 defaults to
-- OFF; MariaDB to ON). The client: mysql --local-infile=1 (JDBC: allowLoadLocalInfile=true). Keep it off where
-- you do not need it: a hostile server can ask a LOCAL-enabled client for any file the client can read.
--
-- Re-running is safe for keys: with LOCAL, rows whose (order_id, product_id) already exists are skipped with a
-- warning (LOCAL implies IGNORE). IGNORE also turns bad values and foreign-key violations into warnings and
-- skips or coerces those rows, so always read SHOW WARNINGS afterwards. `./shoplake mysql load` does the same job
-- from Java and reports every rejected row with its reason instead.

LOAD DATA LOCAL INFILE 'order_details.csv'
    IGNORE INTO TABLE order_details
    CHARACTER SET utf8mb4
    FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY ''
    -- LF ends every line; a CR before it (CRLF files) is stripped from the last field below
    LINES TERMINATED BY '\n'
    -- the header line
    IGNORE 1 LINES
    -- read into variables first, so empty fields become NULL instead of 0 or ''
    (@order_id, @product_id, @quantity, @unit_price, @discount, @order_detail_status, @date_allocated)
SET order_id            = NULLIF(@order_id, ''),
    product_id          = NULLIF(@product_id, ''),
    quantity            = NULLIF(@quantity, ''),
    unit_price          = NULLIF(@unit_price, ''),
    discount            = NULLIF(@discount, ''),
    order_detail_status = NULLIF(@order_detail_status, ''),
    date_allocated      = NULLIF(TRIM(TRAILING '\r' FROM @date_allocated), '');

SHOW WARNINGS LIMIT 20;
