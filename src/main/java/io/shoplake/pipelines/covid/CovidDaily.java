package io.shoplake.pipelines.covid;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.when;

import io.shoplake.lakehouse.TableId;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * {@code gold.covid_daily}: one row per country and date with the cumulative count, {@code new_cases} (the day's
 * cumulative minus the previous calendar day's; null on a country's first day or after a missing day), {@code avg_7d}
 * (the mean of {@code new_cases} over the 7 calendar days ending that day; null unless all 7 are known) and
 * {@code is_cumulative_decrease}: a cumulative count that went down is kept (negative {@code new_cases}) and flagged,
 * not hidden.
 */
public final class CovidDaily {

    public static final TableId TABLE = TableId.gold("covid_daily");

    private CovidDaily() {}

    public static Dataset<Row> build(Dataset<Row> cases) {
        WindowSpec byDate = Window.partitionBy(col("country_code")).orderBy(col("date"));
        WindowSpec week = Window.partitionBy(col("country_code"))
                .orderBy(unix_date(col("date")))
                .rangeBetween(-6, 0);
        Dataset<Row> daily = cases.withColumn(
                        "previous_date", lag(col("date"), 1).over(byDate))
                .withColumn("previous", lag(col("cumulative"), 1).over(byDate))
                .withColumn(
                        "new_cases",
                        when(
                                datediff(col("date"), col("previous_date")).equalTo(1),
                                col("cumulative").minus(col("previous"))));
        return daily.withColumn("known_days", count(col("new_cases")).over(week))
                .withColumn(
                        "avg_7d",
                        when(col("known_days").equalTo(7), avg(col("new_cases")).over(week)))
                .select(
                        col("country_code"),
                        col("country"),
                        col("date"),
                        col("cumulative"),
                        col("new_cases"),
                        col("avg_7d"),
                        when(col("new_cases").lt(0), lit(true))
                                .otherwise(lit(false))
                                .as("is_cumulative_decrease"));
    }
}
