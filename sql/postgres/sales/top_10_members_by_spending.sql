-- The 10 members who spent the most (sum of total_price over their transactions that were not cancelled).
-- Ties: members with equal spending share a rank (RANK()), and every member ranked 10 or better is returned, so
-- a tie at 10th place returns more than 10 rows; within a rank, rows are ordered by member_id.
SELECT spending_rank, member_id, membership_id, first_name, last_name, total_spent, transactions
FROM (
    SELECT m.member_id, m.membership_id, m.first_name, m.last_name,
           sum(t.total_price) AS total_spent,
           count(*) AS transactions,
           rank() OVER (ORDER BY sum(t.total_price) DESC) AS spending_rank
    FROM transactions t
    JOIN members m ON m.member_id = t.member_id
    WHERE t.status <> 'cancelled'
    GROUP BY m.member_id, m.membership_id, m.first_name, m.last_name
) ranked
WHERE spending_rank <= 10
ORDER BY spending_rank, member_id;
