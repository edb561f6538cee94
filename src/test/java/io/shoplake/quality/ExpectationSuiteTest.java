package io.shoplake.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.testing.TestSpark;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpectationSuiteTest {

    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType)
            .add("day", DataTypes.StringType)
            .add("qty", DataTypes.StringType)
            .add("kind", DataTypes.StringType)
            .add("code", DataTypes.StringType);

    private static Dataset<Row> rows(String[]... values) {
        List<Row> rows =
                Arrays.stream(values).map(v -> RowFactory.create((Object[]) v)).toList();
        return TestSpark.spark().createDataFrame(rows, SCHEMA);
    }

    private static Map<String, String> reasonsById(QualityResult result) {
        return result.rejected().collectAsList().stream()
                .collect(Collectors.toMap(
                        r -> String.valueOf(r.<String>getAs("id")),
                        r -> r.<String>getAs(ExpectationSuite.REASON),
                        (a, b) -> a + " | " + b,
                        TreeMap::new));
    }

    private static Map<String, Long> failures(QualityResult result) {
        return result.results().stream()
                .collect(Collectors.toMap(
                        ExpectationResult::expectation, ExpectationResult::rowsFailed, (a, b) -> a, TreeMap::new));
    }

    @Test
    void eachRuleKindNamesTheColumnTheRuleAndTheBadValue() {
        Dataset<Row> batch = rows(
                new String[] {"1", "2017-02-28", "5", "a", "X1"},
                new String[] {"2", "2017-02-30", "5", "a", "X2"},
                new String[] {"3", "2017-03-01", "five", "a", "X3"},
                new String[] {"4", "2017-03-01", "-2", "a", "X4"},
                new String[] {"5", "2017-03-01", "1", "z", "X5"},
                new String[] {"6", "2017-03-01", "1", "a", "bad"},
                new String[] {null, "2017-03-01", "1", "a", "X7"},
                new String[] {"8", "2016", "1", "a", "X8"},
                new String[] {"9", "2017-03-01", "101", "b", "X9"});
        Dataset<Row> known = TestSpark.spark()
                .createDataFrame(
                        List.of(
                                RowFactory.create(1L),
                                RowFactory.create(2L),
                                RowFactory.create(3L),
                                RowFactory.create(4L),
                                RowFactory.create(5L),
                                RowFactory.create(6L),
                                RowFactory.create(8L)),
                        new StructType().add("known_id", DataTypes.LongType));
        ExpectationSuite suite = new ExpectationSuite(
                "test.things",
                List.of(
                        Expectation.quarantine("id_present", Rules.notNull("id")),
                        Expectation.quarantine("day_valid", Rules.parsesAs("day", ValueType.DATE)),
                        Expectation.quarantine("qty_valid", Rules.parsesAs("qty", ValueType.INTEGER)),
                        Expectation.quarantine("qty_not_negative", Rules.atLeast("qty", 0)),
                        Expectation.quarantine(
                                "qty_at_most_100",
                                Rules.range("qty", Optional.empty(), Optional.of(BigDecimal.valueOf(100)))),
                        Expectation.quarantine("kind_known", Rules.allowedValues("kind", Set.of("a", "b"))),
                        Expectation.quarantine("code_shape", Rules.pattern("code", "^X[0-9]+$")),
                        Expectation.quarantine(
                                "id_known", Rules.referenceExists("id", known, "known_id", "known.known_id"))));

        QualityResult result = suite.check(batch);

        assertThat(reasonsById(result))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of(
                        "2", "day: not a valid date: 2017-02-30",
                        "3", "qty: not a valid integer: five",
                        "4", "qty: must be at least 0, was: -2",
                        "5", "kind: not one of [a, b]: z",
                        "6", "code: does not match ^X[0-9]+$: bad",
                        "null", "id: is missing",
                        "8", "day: not a valid date: 2016",
                        "9", "qty: must be at most 100, was: 101; id: no such known.known_id: 9")));
        assertThat(result.valid().collectAsList())
                .extracting(r -> r.getString(0))
                .containsExactly("1");
        assertThat(result.validCount()).isEqualTo(1);
        assertThat(result.rejectedCount()).isEqualTo(8);
        assertThat(failures(result))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of(
                        "id_present",
                        1L,
                        "day_valid",
                        2L,
                        "qty_valid",
                        1L,
                        "qty_not_negative",
                        1L,
                        "qty_at_most_100",
                        1L,
                        "kind_known",
                        1L,
                        "code_shape",
                        1L,
                        "id_known",
                        1L)));
        assertThat(result.results()).allSatisfy(r -> assertThat(r.rowsChecked()).isEqualTo(9));
    }

    @Test
    void aRowBreakingSeveralRulesIsRejectedOnceWithEveryReason() {
        Dataset<Row> batch = rows(new String[] {"1", "2017-13-01", "x", "q", "X1"});
        ExpectationSuite suite = new ExpectationSuite(
                "test.things",
                List.of(
                        Expectation.quarantine("day_valid", Rules.parsesAs("day", ValueType.DATE)),
                        Expectation.quarantine("qty_valid", Rules.parsesAs("qty", ValueType.decimal(12, 2))),
                        Expectation.quarantine("kind_known", Rules.allowedValues("kind", Set.of("a")))));

        QualityResult result = suite.check(batch);

        List<Row> rejected = result.rejected().collectAsList();
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).<String>getAs(ExpectationSuite.REASON))
                .isEqualTo("day: not a valid date: 2017-13-01; qty: not a valid decimal: x; kind: not one of [a]: q");
        assertThat(rejected.get(0).getList(rejected.get(0).fieldIndex(ExpectationSuite.REASONS)))
                .hasSize(3);
    }

    @Test
    void warnCountsButKeepsTheRowAndNullsPassEveryRuleButNotNull() {
        Dataset<Row> batch =
                rows(new String[] {"1", null, null, "z", null}, new String[] {"1", "2017-01-01", "3", "a", "X"});
        ExpectationSuite suite = new ExpectationSuite(
                "test.things",
                List.of(
                        Expectation.warn("id_unique", Rules.unique("id")),
                        Expectation.warn("kind_known", Rules.allowedValues("kind", Set.of("a"))),
                        Expectation.quarantine("day_valid", Rules.parsesAs("day", ValueType.DATE)),
                        Expectation.quarantine("qty_valid", Rules.parsesAs("qty", ValueType.INTEGER)),
                        Expectation.quarantine("qty_positive", Rules.atLeast("qty", 1)),
                        Expectation.quarantine("code_shape", Rules.pattern("code", "^X$"))));

        QualityResult result = suite.check(batch);

        assertThat(result.valid().count()).isEqualTo(2);
        assertThat(result.rejected().count()).isZero();
        assertThat(failures(result))
                .containsEntry("id_unique", 2L)
                .containsEntry("kind_known", 1L)
                .containsEntry("day_valid", 0L)
                .containsEntry("qty_valid", 0L)
                .containsEntry("code_shape", 0L);
        result.requireNoFailures();
    }

    @Test
    void uniqueReportsEveryRepeatedKeyAndSqlExpressionsCheckRows() {
        Dataset<Row> batch = rows(
                new String[] {"1", "2017-01-01", "3", "a", "X"},
                new String[] {"1", "2017-01-02", "4", "a", "X"},
                new String[] {"2", "2017-01-02", "4", "a", "X"},
                new String[] {"3", "2017-01-02", "0", "b", "X"});
        ExpectationSuite suite = new ExpectationSuite(
                "test.things",
                List.of(
                        Expectation.quarantine("id_unique", Rules.unique("id")),
                        Expectation.quarantine("b_needs_qty", Rules.sql("kind <> 'b' OR CAST(qty AS INT) > 0"))));

        QualityResult result = suite.check(batch);

        assertThat(reasonsById(result))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of(
                        "1", "id: not unique in batch: 1 | id: not unique in batch: 1",
                        "3", "violates: kind <> 'b' OR CAST(qty AS INT) > 0")));
    }

    @Test
    void failAbortsWithOneLineNamingTheExpectationAndTheCount() {
        Dataset<Row> batch = rows(
                new String[] {null, "2017-01-01", "3", "a", "X"},
                new String[] {null, "2017-01-01", "3", "a", "X"},
                new String[] {"3", "2017-01-01", "3", "a", "X"});
        ExpectationSuite suite =
                new ExpectationSuite("silver.things", List.of(Expectation.fail("id_present", Rules.notNull("id"))));

        QualityResult result = suite.check(batch);

        assertThat(result.valid().count()).isEqualTo(3);
        assertThatThrownBy(result::requireNoFailures)
                .isInstanceOf(ExpectationFailedException.class)
                .hasMessage("expectation silver.things.id_present failed: 2 of 3 rows");
    }

    @Test
    void suiteRejectsRepeatedNamesAndBadNames() {
        assertThatThrownBy(() -> new ExpectationSuite(
                        "t",
                        List.of(Expectation.warn("a", Rules.notNull("x")), Expectation.warn("a", Rules.notNull("y")))))
                .hasMessage("expectation names must be unique in t, repeated: a");
        assertThatThrownBy(() -> Expectation.warn("Bad Name", Rules.notNull("x")))
                .hasMessage("expectation name must be lower-case snake_case, was: Bad Name");
    }

    @Test
    void freshnessComparesTheLatestDateWithTheAsOfDate() {
        Dataset<Row> batch =
                rows(new String[] {"1", "2017-03-10", "3", "a", "X"}, new String[] {"2", "2017-03-16", "3", "a", "X"});
        Freshness freshness = new Freshness("orders_fresh", "day", 7, Action.WARN);

        ExpectationResult fresh = freshness.check("silver.orders", batch, LocalDate.of(2017, 3, 23));
        ExpectationResult stale = freshness.check("silver.orders", batch, LocalDate.of(2017, 3, 24));

        assertThat(fresh.rowsFailed()).isZero();
        assertThat(stale.rowsFailed()).isEqualTo(2);
        assertThat(stale.detail())
                .contains("latest day 2017-03-16 is 8 days before as-of 2017-03-24 (at most 7 allowed)");
        assertThatThrownBy(() -> new Freshness("f", "day", 1, Action.QUARANTINE))
                .hasMessage("a table-level expectation cannot quarantine rows: f");
    }

    @Test
    void resultsAreWrittenToOpsDqResults(@TempDir Path dir) {
        Lakehouse lake = TestSpark.freshLake(dir);
        DqResults dq = new DqResults(lake);
        dq.record(
                "run-1",
                Optional.of(LocalDate.of(2017, 3, 16)),
                List.of(
                        new ExpectationResult("silver.orders", "order_id_present", Action.QUARANTINE, 10, 2),
                        new ExpectationResult("silver.orders", "order_status_known", Action.WARN, 10, 0)));

        List<Row> rows = dq.all().orderBy("expectation").collectAsList();

        assertThat(rows)
                .extracting(r -> r.getAs("run_id") + " " + r.getAs("table_name") + " " + r.getAs("expectation")
                        + " " + r.getAs("action") + " " + r.getAs("rows_checked") + " " + r.getAs("rows_failed") + " "
                        + r.getAs("passed") + " " + r.getAs("as_of"))
                .containsExactly(
                        "run-1 silver.orders order_id_present QUARANTINE 10 2 false 2017-03-16",
                        "run-1 silver.orders order_status_known WARN 10 0 true 2017-03-16");
    }
}
