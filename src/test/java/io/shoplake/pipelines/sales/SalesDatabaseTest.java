package io.shoplake.pipelines.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoplake.testing.TestServices;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sales DDL, the load and both analyst queries on the embedded PostgreSQL, checked against Java sums. */
class SalesDatabaseTest {

    private static final List<SalesData.Member> MEMBERS = List.of(
            member("Wang_04168", "Sean_Wang@gibson.com", "Sean", "Wang"),
            member("Cline_825fb", "Jackson_Cline@hudson.net", "Jackson", "Cline"),
            member("Williamson_2b72a", "Kenneth_Williamson@perez.com", "Kenneth", "Williamson"),
            member("Williamson_2b72a", "Bethany_Williamson@flores.com", "Bethany", "Williamson"),
            member("Ray_00001", "Ann_Ray@x.com", "Ann", "Ray"),
            member("Lee_00002", "Kim_Lee@x.net", "Kim", "Lee"),
            member("Hill_00003", "Ray_Hill@x.com", "Ray", "Hill"),
            member("Doe_00004", "Jane_Doe@x.com", "Jane", "Doe"),
            member("Poe_00005", "Ed_Poe@x.com", "Ed", "Poe"),
            member("Roe_00006", "Al_Roe@x.com", "Al", "Roe"),
            member("Moe_00007", "Bo_Moe@x.com", "Bo", "Moe"),
            member("Zoe_00008", "Cy_Zoe@x.com", "Cy", "Zoe"));

    @Test
    void theGeneratorIsDeterministicForASeed() {
        assertThat(SalesGenerator.generate(MEMBERS, 12, 7)).isEqualTo(SalesGenerator.generate(MEMBERS, 12, 7));
        assertThat(SalesGenerator.generate(MEMBERS, 12, 7)).isNotEqualTo(SalesGenerator.generate(MEMBERS, 12, 8));
        assertThatThrownBy(() -> SalesGenerator.generate(MEMBERS, 13, 7))
                .hasMessage("--members must be between 1 and the 12 members in gold.members, was: 13");
    }

    @Test
    void loadTwiceThenBothQueriesMatchASeparateComputation() throws Exception {
        SalesData data = SalesGenerator.generate(MEMBERS, 12, 7);
        SalesDatabase database = new SalesDatabase(TestServices.freshPostgresDatabase(), "postgres", Optional.empty());

        SalesDatabase.LoadResult first = database.load(data);
        SalesDatabase.LoadResult again = database.load(data);

        assertThat(first)
                .isEqualTo(new SalesDatabase.LoadResult(
                        12, 5, 40, data.transactions().size(), data.lines().size()));
        assertThat(again).isEqualTo(first);
        assertThat(data.transactions().size()).isGreaterThan(20);

        // Spending per member from the generated transactions (not cancelled), ranked with ties sharing a rank.
        Map<String, BigDecimal> spent = new HashMap<>();
        for (SalesData.Transaction t : data.transactions()) {
            if (!t.status().equals("cancelled")) {
                spent.merge(t.membershipId() + " " + t.email(), t.totalPrice(), BigDecimal::add);
            }
        }
        Set<String> expectedMembers = new HashSet<>();
        for (var entry : spent.entrySet()) {
            long better = spent.values().stream()
                    .filter(v -> v.compareTo(entry.getValue()) > 0)
                    .count();
            if (better < 10) {
                expectedMembers.add(entry.getKey() + " " + entry.getValue() + " " + (better + 1));
            }
        }
        List<String> topMembers = query(database, SalesDatabase.TOP_MEMBERS, r -> {
            try (Statement s = r.getStatement().getConnection().createStatement();
                    ResultSet email = s.executeQuery("SELECT email FROM members WHERE member_id = " + r.getLong(2))) {
                email.next();
                return r.getString(3) + " " + email.getString(1) + " " + r.getBigDecimal(6) + " " + r.getLong(1);
            }
        });
        assertThat(topMembers).containsExactlyInAnyOrderElementsOf(expectedMembers);

        Map<Long, Long> quantities = new HashMap<>();
        Set<Long> cancelled = new HashSet<>();
        data.transactions().stream()
                .filter(t -> t.status().equals("cancelled"))
                .forEach(t -> cancelled.add(t.transactionId()));
        for (SalesData.Line line : data.lines()) {
            if (!cancelled.contains(line.transactionId())) {
                quantities.merge(line.itemId(), (long) line.quantity(), Long::sum);
            }
        }
        Set<String> expectedItems = new HashSet<>();
        for (var entry : quantities.entrySet()) {
            long better = quantities.values().stream()
                    .filter(v -> v > entry.getValue())
                    .count();
            if (better < 3) {
                expectedItems.add(entry.getKey() + " " + entry.getValue() + " " + (better + 1));
            }
        }
        List<String> topItems =
                query(database, SalesDatabase.TOP_ITEMS, r -> r.getLong(2) + " " + r.getLong(5) + " " + r.getLong(1));
        assertThat(topItems).containsExactlyInAnyOrderElementsOf(expectedItems);
    }

    @Test
    void tiesShareARankAndAreAllReturned() throws Exception {
        List<SalesData.Item> items = new ArrayList<>();
        for (long i = 1; i <= 4; i++) {
            items.add(new SalesData.Item(i, "Item " + i, 1, new BigDecimal("1.00"), new BigDecimal("0.500")));
        }
        // Quantities 5, 4, 3, 3: items 3 and 4 tie for third place.
        List<SalesData.Line> lines = List.of(line(1, 1, 5), line(1, 2, 4), line(2, 3, 3), line(3, 4, 3));
        List<SalesData.Transaction> transactions = List.of(
                transaction(1, MEMBERS.get(0), "9.00", "4.500"),
                transaction(2, MEMBERS.get(1), "3.00", "1.500"),
                transaction(3, MEMBERS.get(2), "3.00", "1.500"));
        SalesData data = new SalesData(
                MEMBERS.subList(0, 3), List.of(new SalesData.Manufacturer(1, "Acme")), items, transactions, lines);
        SalesDatabase database = new SalesDatabase(TestServices.freshPostgresDatabase(), "postgres", Optional.empty());
        database.load(data);

        assertThat(query(
                        database, SalesDatabase.TOP_ITEMS, r -> r.getLong(1) + ":" + r.getLong(2) + ":" + r.getLong(5)))
                .containsExactly("1:1:5", "2:2:4", "3:3:3", "3:4:3");
        assertThat(query(database, SalesDatabase.TOP_MEMBERS, r -> r.getLong(1) + ":" + r.getString(3)))
                .containsExactly("1:Wang_04168", "2:Cline_825fb", "2:Williamson_2b72a");
    }

    @Test
    void totalsMustEqualTheLinesAndRolesHaveTheirGrants() throws Exception {
        SalesData data = SalesGenerator.generate(MEMBERS, 3, 7);
        SalesDatabase database = new SalesDatabase(TestServices.freshPostgresDatabase(), "postgres", Optional.empty());
        database.load(data);
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("BEGIN; INSERT INTO transactions (transaction_id, member_id, "
                            + "purchased_at, total_price, total_weight_kg) SELECT 999, min(member_id), now(), 10, 1 "
                            + "FROM members; INSERT INTO transaction_lines (transaction_id, item_id, quantity, unit_price, "
                            + "unit_weight_kg) VALUES (999, 1, 1, 9, 1); COMMIT;"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining(
                            "transaction 999 totals (10.00, 1.000 kg) differ from its lines (9.00, 1.000 kg)");
            statement.execute("ROLLBACK");
            assertThat(privileges(statement, "analytics")).isEqualTo("t f f f f");
            assertThat(privileges(statement, "logistics")).isEqualTo("t f f f t");
            assertThat(privileges(statement, "sales")).isEqualTo("f t t t f");
        }
    }

    /** SELECT on transactions; INSERT, DELETE, UPDATE(is_listed) on items; UPDATE(status) on transactions. */
    private static String privileges(Statement statement, String role) throws SQLException {
        try (ResultSet r =
                statement.executeQuery("SELECT has_table_privilege('" + role + "', 'transactions', 'SELECT'), "
                        + "has_table_privilege('" + role + "', 'items', 'INSERT'), "
                        + "has_table_privilege('" + role + "', 'items', 'DELETE'), "
                        + "has_column_privilege('" + role + "', 'items', 'is_listed', 'UPDATE'), "
                        + "has_column_privilege('" + role + "', 'transactions', 'status', 'UPDATE')")) {
            r.next();
            List<String> flags = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                flags.add(r.getBoolean(i) ? "t" : "f");
            }
            return String.join(" ", flags);
        }
    }

    interface RowReader {
        String read(ResultSet row) throws SQLException;
    }

    private static List<String> query(SalesDatabase database, String script, RowReader reader) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet r = statement.executeQuery(SalesDatabase.resource(script))) {
            while (r.next()) {
                rows.add(reader.read(r));
            }
        }
        return rows;
    }

    private static SalesData.Line line(long transaction, long item, int quantity) {
        return new SalesData.Line(transaction, item, quantity, new BigDecimal("1.00"), new BigDecimal("0.500"));
    }

    private static SalesData.Transaction transaction(long id, SalesData.Member m, String price, String weight) {
        return new SalesData.Transaction(
                id,
                m.membershipId(),
                m.email(),
                Instant.parse("2022-03-01T10:00:00Z"),
                "delivered",
                new BigDecimal(price),
                new BigDecimal(weight));
    }

    private static SalesData.Member member(String id, String email, String first, String last) {
        return new SalesData.Member(id, email, first, last, LocalDate.of(1970, 1, 1), "12345678");
    }
}
