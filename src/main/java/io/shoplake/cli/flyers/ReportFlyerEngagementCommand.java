package io.shoplake.cli.flyers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.pipelines.flyers.FlyerEngagementReports;
import io.shoplake.pipelines.flyers.FlyerEngagementTables;
import java.sql.Date;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shoplake report flyer-engagement}: merchants' time on flyers for a date (default: the latest computed), or
 * one merchant's flyers. Averages are rounded to 2 decimals here; the tables keep them exact.
 */
@Command(
        name = "flyer-engagement",
        mixinStandardHelpOptions = true,
        description = "Time on flyers per merchant for a date, or per flyer of one merchant (--merchant).")
public final class ReportFlyerEngagementCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Option(names = "--merchant", paramLabel = "ID", description = "One merchant: its flyers, users and time.")
    Long merchant;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The date (default: the latest date computed).")
    LocalDate date;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Workspace workspace = Workspace.ofExistingLake(common)) {
            Lakehouse lake = workspace.lake();
            if (!lake.exists(FlyerEngagementTables.MERCHANT_DAILY)) {
                throw new RunFailedException(
                        "gold.merchant_daily does not exist: run `shoplake run flyer-engagement` first");
            }
            Dataset<Row> daily = lake.read(FlyerEngagementTables.MERCHANT_DAILY);
            LocalDate day = date;
            if (day == null) {
                Row latest = daily.agg(max(col("date"))).first();
                if (latest.isNullAt(0)) {
                    throw new RunFailedException(
                            "gold.merchant_daily is empty: run `shoplake run flyer-engagement` first");
                }
                day = latest.getDate(0).toLocalDate();
            }
            Dataset<Row> rows = merchant == null
                    ? merchants(daily, day)
                    : flyers(lake.read(FlyerEngagementTables.MERCHANT_FLYER_REPORT), merchant, day);
            var out = spec.commandLine().getOut();
            if (json.json()) {
                Output.jsonRows(out, rows);
            } else {
                out.println("flyer engagement on " + day + (merchant == null ? "" : " for merchant " + merchant));
                Output.tableRows(out, rows);
            }
            return ExitCode.OK;
        }
    }

    private static Dataset<Row> merchants(Dataset<Row> daily, LocalDate day) {
        return daily.where(col("date").equalTo(lit(Date.valueOf(day))))
                .orderBy(col("total_seconds").desc(), col("merchant_id").asc_nulls_last())
                .select(
                        col("merchant_id"),
                        col("date"),
                        col("flyers"),
                        col("users"),
                        col("views"),
                        seconds(col("total_seconds")).as("total_seconds"),
                        round(col("avg_seconds_per_user"), 2).as("avg_seconds_per_user"));
    }

    private static Dataset<Row> flyers(Dataset<Row> report, long merchant, LocalDate day) {
        return report.where(col("date")
                        .equalTo(lit(Date.valueOf(day)))
                        .and(col("merchant_id").equalTo(lit(merchant))))
                .groupBy(col("flyer_id"))
                .agg(
                        countDistinct(col("user_id")).as("users"),
                        sum(col("views")).as("views"),
                        sum(col("total_seconds"))
                                .cast(FlyerEngagementReports.SECONDS)
                                .as("total_seconds"))
                .select(
                        col("flyer_id"),
                        col("users"),
                        col("views"),
                        seconds(col("total_seconds")).as("total_seconds"),
                        round(col("total_seconds").cast(DataTypes.DoubleType).divide(col("views")), 2)
                                .as("avg_seconds"))
                .orderBy(col("total_seconds").desc(), col("flyer_id"));
    }

    private static org.apache.spark.sql.Column seconds(org.apache.spark.sql.Column exact) {
        return round(exact, 2).cast(DataTypes.createDecimalType(18, 2));
    }
}
