package io.shoplake.publishers.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoplake.testing.TestServices;
import io.shoplake.testing.TestSpark;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Upserts into the embedded PostgreSQL and MariaDB: created from the schema, idempotent, batched, checked. */
class JdbcPublisherTest {

    private static final StructType SCHEMA = new StructType()
            .add("country_code", DataTypes.StringType, false)
            .add("date", DataTypes.DateType, false)
            .add("cumulative", DataTypes.LongType)
            .add("avg_7d", DataTypes.DoubleType)
            .add("is_cumulative_decrease", DataTypes.BooleanType)
            .add("tags", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType));

    private static Dataset<Row> rows(long lastCumulative) {
        List<Row> rows = new ArrayList<>();
        for (int day = 1; day <= 6; day++) {
            rows.add(RowFactory.create(
                    "SG", Date.valueOf("2021-03-0" + day), 10L * day, day > 3 ? day / 2.0 : null, false, null));
        }
        rows.add(RowFactory.create(
                "MY",
                Date.valueOf("2021-03-01"),
                lastCumulative,
                null,
                true,
                scala.collection.immutable.Map$.MODULE$.<String, Long>empty().updated("a", 1L)));
        return TestSpark.spark().createDataFrame(rows, SCHEMA).coalesce(1);
    }

    private static JdbcPublisher.Target target(String url, String user, String table) {
        return new JdbcPublisher.Target(
                url, Optional.of(user), Optional.empty(), table, List.of("country_code", "date"), 3);
    }

    @Test
    void postgresCreatesTheTableUpsertsInBatchesAndARerunLeavesTheSameRows() throws Exception {
        String url = TestServices.freshPostgresDatabase();

        JdbcPublisher.Result first = JdbcPublisher.publish(rows(5), target(url, "postgres", "gold.covid_daily"));
        // 7 rows in batches of 3: 3 + 3 + 1.
        assertThat(first).isEqualTo(new JdbcPublisher.Result(url + " gold.covid_daily", 7, true, 3));
        JdbcPublisher.Result second = JdbcPublisher.publish(rows(8), target(url, "postgres", "gold.covid_daily"));
        assertThat(second.created()).isFalse();
        assertThat(second.rows()).isEqualTo(7);

        assertThat(query(
                        url,
                        "postgres",
                        "SELECT country_code, date, cumulative, avg_7d, is_cumulative_decrease, tags "
                                + "FROM gold.covid_daily ORDER BY country_code, date"))
                .containsExactly(
                        "MY|2021-03-01|8|null|true|{\"a\":1}",
                        "SG|2021-03-01|10|null|false|null",
                        "SG|2021-03-02|20|null|false|null",
                        "SG|2021-03-03|30|null|false|null",
                        "SG|2021-03-04|40|2.0|false|null",
                        "SG|2021-03-05|50|2.5|false|null",
                        "SG|2021-03-06|60|3.0|false|null");
        assertThat(
                        query(
                                url,
                                "postgres",
                                "SELECT column_name, data_type FROM information_schema.columns "
                                        + "WHERE table_schema = 'gold' AND table_name = 'covid_daily' ORDER BY ordinal_position"))
                .containsExactly(
                        "country_code|text",
                        "date|date",
                        "cumulative|bigint",
                        "avg_7d|double precision",
                        "is_cumulative_decrease|boolean",
                        "tags|text");
    }

    @Test
    void aTargetWithOtherColumnsIsRefusedWithTheDifferences() {
        String url = TestServices.freshPostgresDatabase();
        TestServices.execute(
                url,
                "postgres",
                "CREATE TABLE public.covid (country_code TEXT, date TEXT, cumulative BIGINT, avg_7d DOUBLE PRECISION, "
                        + "is_cumulative_decrease BOOLEAN, region TEXT, PRIMARY KEY (country_code, date))");

        assertThatThrownBy(() -> JdbcPublisher.publish(rows(5), target(url, "postgres", "covid")))
                .isInstanceOf(JdbcPublishException.class)
                .hasMessage("schema mismatch: " + url + " covid does not match the lake table: column date has JDBC "
                        + "type VARCHAR where date needs one of [DATE]; column tags is missing; column region is not "
                        + "in the lake table (drop the target table or publish --to another one)");
    }

    @Test
    void mysqlUpsertsByKeyToo() throws Exception {
        String url = TestServices.freshMySqlDatabase();

        JdbcPublisher.publish(rows(5), target(url, "root", "gold_covid_daily"));
        JdbcPublisher.Result again = JdbcPublisher.publish(rows(9), target(url, "root", "gold_covid_daily"));

        assertThat(again.created()).isFalse();
        assertThat(query(
                        url,
                        "root",
                        "SELECT country_code, date, cumulative, is_cumulative_decrease "
                                + "FROM gold_covid_daily ORDER BY country_code, date"))
                .containsExactly(
                        "MY|2021-03-01|9|true",
                        "SG|2021-03-01|10|false",
                        "SG|2021-03-02|20|false",
                        "SG|2021-03-03|30|false",
                        "SG|2021-03-04|40|false",
                        "SG|2021-03-05|50|false",
                        "SG|2021-03-06|60|false");
    }

    @Test
    void aKeyThatIsNotAColumnIsAnError() {
        assertThatThrownBy(() -> JdbcPublisher.publish(
                        rows(5),
                        new JdbcPublisher.Target(
                                "jdbc:postgresql://127.0.0.1:1/x",
                                Optional.empty(),
                                Optional.empty(),
                                "t",
                                List.of("id"),
                                10)))
                .hasMessage("key column id is not in the table (columns: [country_code, date, cumulative, avg_7d, "
                        + "is_cumulative_decrease, tags])");
        assertThatThrownBy(() -> new JdbcPublisher.Target(
                        "jdbc:postgresql://127.0.0.1:1/x",
                        Optional.empty(),
                        Optional.empty(),
                        "a.b.c",
                        List.of("id"),
                        10))
                .hasMessage("target table must be schema.table or table, was: a.b.c");
    }

    private static List<String> query(String url, String user, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, user, "");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(String.join("|", values));
            }
            return rows;
        }
    }
}
