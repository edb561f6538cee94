package io.shoplake.pipelines.sales;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The members' sales database on PostgreSQL: creates the schema and team roles ({@code sql/postgres/sales/}) and
 * loads a {@link SalesData} set in one database transaction, idempotently (upserts by key; a transaction already
 * present is left as it is).
 */
public final class SalesDatabase {

    public static final List<String> SCRIPTS =
            List.of("sql/postgres/sales/01_schema.sql", "sql/postgres/sales/02_roles.sql");
    public static final String TOP_MEMBERS = "sql/postgres/sales/top_10_members_by_spending.sql";
    public static final String TOP_ITEMS = "sql/postgres/sales/top_3_items_by_quantity.sql";

    /** Rows in each table after a load. */
    public record LoadResult(long members, long manufacturers, long items, long transactions, long lines) {}

    private final String url;
    private final String user;
    private final Optional<String> password;

    public SalesDatabase(String url, String user, Optional<String> password) {
        this.url = requireNonNull(url, "url is null");
        this.user = requireNonNull(user, "user is null");
        this.password = requireNonNull(password, "password is null");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "the sales database is PostgreSQL: the URL must start with " + "jdbc:postgresql:, was: " + url);
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password.orElse(""));
    }

    /** Runs the schema and roles scripts, then loads {@code data}; returns the table sizes afterwards. */
    public LoadResult load(SalesData data) throws SQLException {
        try (Connection connection = connect()) {
            try (Statement statement = connection.createStatement()) {
                for (String script : SCRIPTS) {
                    statement.execute(resource(script));
                }
            }
            connection.setAutoCommit(false);
            try {
                upsert(connection, data);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
            return new LoadResult(
                    count(connection, "members"),
                    count(connection, "manufacturers"),
                    count(connection, "items"),
                    count(connection, "transactions"),
                    count(connection, "transaction_lines"));
        }
    }

    private static void upsert(Connection connection, SalesData data) throws SQLException {
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO manufacturers (manufacturer_id, name) VALUES (?, ?) "
                        + "ON CONFLICT (manufacturer_id) DO UPDATE SET name = EXCLUDED.name")) {
            for (SalesData.Manufacturer m : data.manufacturers()) {
                insert.setLong(1, m.manufacturerId());
                insert.setString(2, m.name());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO items (item_id, name, manufacturer_id, cost, weight_kg) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (item_id) DO UPDATE SET name = EXCLUDED.name, "
                        + "manufacturer_id = EXCLUDED.manufacturer_id, cost = EXCLUDED.cost, "
                        + "weight_kg = EXCLUDED.weight_kg")) {
            for (SalesData.Item item : data.items()) {
                insert.setLong(1, item.itemId());
                insert.setString(2, item.name());
                insert.setLong(3, item.manufacturerId());
                insert.setBigDecimal(4, item.cost());
                insert.setBigDecimal(5, item.weightKg());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO members (membership_id, email, first_name, last_name, date_of_birth, mobile_no) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (membership_id, email) DO UPDATE SET "
                        + "first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, "
                        + "date_of_birth = EXCLUDED.date_of_birth, mobile_no = EXCLUDED.mobile_no")) {
            for (SalesData.Member m : data.members()) {
                insert.setString(1, m.membershipId());
                insert.setString(2, m.email());
                insert.setString(3, m.firstName());
                insert.setString(4, m.lastName());
                insert.setObject(5, m.dateOfBirth());
                insert.setString(6, m.mobileNo());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        Map<String, Long> memberIds = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT membership_id, email, member_id FROM members")) {
            while (rows.next()) {
                memberIds.put(rows.getString(1) + "\n" + rows.getString(2), rows.getLong(3));
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO transactions (transaction_id, member_id, purchased_at, status, total_price, "
                        + "total_weight_kg) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (transaction_id) DO NOTHING")) {
            for (SalesData.Transaction t : data.transactions()) {
                Long member = memberIds.get(t.membershipId() + "\n" + t.email());
                if (member == null) {
                    throw new IllegalArgumentException("transaction " + t.transactionId() + " names no member: "
                            + t.membershipId() + " " + t.email());
                }
                insert.setLong(1, t.transactionId());
                insert.setLong(2, member);
                insert.setTimestamp(3, Timestamp.from(t.purchasedAt()));
                insert.setString(4, t.status());
                insert.setBigDecimal(5, t.totalPrice());
                insert.setBigDecimal(6, t.totalWeightKg());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO transaction_lines (transaction_id, item_id, quantity, unit_price, unit_weight_kg) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (transaction_id, item_id) DO NOTHING")) {
            for (SalesData.Line line : data.lines()) {
                insert.setLong(1, line.transactionId());
                insert.setLong(2, line.itemId());
                insert.setInt(3, line.quantity());
                insert.setBigDecimal(4, line.unitPrice());
                insert.setBigDecimal(5, line.unitWeightKg());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A script shipped with shoplake (the files under {@code sql/} at the project root). */
    public static String resource(String path) {
        try (InputStream in = SalesDatabase.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
