-- The 3 items bought most often, by total quantity over transactions that were not cancelled.
-- Ties: items with equal quantity share a rank (RANK()), and every item ranked 3 or better is returned, so a tie
-- at 3rd place returns more than 3 rows; within a rank, rows are ordered by item_id.
SELECT quantity_rank, item_id, item_name, manufacturer, total_quantity
FROM (
    SELECT i.item_id, i.name AS item_name, mf.name AS manufacturer,
           sum(l.quantity) AS total_quantity,
           rank() OVER (ORDER BY sum(l.quantity) DESC) AS quantity_rank
    FROM transaction_lines l
    JOIN transactions t ON t.transaction_id = l.transaction_id
    JOIN items i ON i.item_id = l.item_id
    JOIN manufacturers mf ON mf.manufacturer_id = i.manufacturer_id
    WHERE t.status <> 'cancelled'
    GROUP BY i.item_id, i.name, mf.name
) ranked
WHERE quantity_rank <= 3
ORDER BY quantity_rank, item_id;
