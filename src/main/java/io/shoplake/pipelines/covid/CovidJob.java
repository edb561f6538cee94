package io.shoplake.pipelines.covid;

import static java.util.Objects.requireNonNull;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.StepCounts;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Rebuilds {@code silver.covid_cases} (and its quarantine) and {@code gold.covid_daily} from {@code bronze.api_covid};
 * both are replaced whole, so a re-run gives the same tables.
 */
public final class CovidJob {

    public static final String JOB = "covid";

    /** Rows read, kept, quarantined and written, and the decreases flagged. */
    public record Result(
            String runId, long bronzeRows, long silverRows, long quarantined, long goldRows, long decreases) {}

    private final Lakehouse lake;
    private final RunLedger runs;

    public CovidJob(Lakehouse lake, RunLedger runs) {
        this.lake = requireNonNull(lake, "lake is null");
        this.runs = requireNonNull(runs, "runs is null");
    }

    public Result run(String runId) {
        if (!lake.exists(CovidCases.BRONZE)) {
            throw new IllegalStateException(CovidCases.BRONZE + " does not exist: load it with `shoplake ingest covid "
                    + "--from FILE` or `shoplake ingest api --name covid --url URL`");
        }
        long[] silver = new long[3];
        runs.step(
                runId,
                JOB,
                CovidCases.TABLE.toString(),
                Optional.empty(),
                List.of(CovidCases.BRONZE),
                List.of(CovidCases.TABLE),
                () -> {
                    Dataset<Row> bronze = lake.read(CovidCases.BRONZE).localCheckpoint();
                    CovidCases.Split split = CovidCases.build(bronze);
                    Dataset<Row> cases = split.cases().localCheckpoint();
                    Dataset<Row> rejects = split.rejects().localCheckpoint();
                    lake.replace(CovidCases.TABLE, cases);
                    new Quarantine(lake)
                            .replace(
                                    CovidCases.TABLE,
                                    Quarantine.records(
                                            rejects,
                                            rejects.col("source"),
                                            rejects.col("line"),
                                            rejects.col("raw_record"),
                                            rejects.col("reason"),
                                            runId));
                    silver[0] = bronze.count();
                    silver[1] = cases.count();
                    silver[2] = rejects.count();
                    return new StepCounts(silver[0], silver[1], silver[2]);
                });
        long[] gold = new long[2];
        runs.step(
                runId,
                JOB,
                CovidDaily.TABLE.toString(),
                Optional.empty(),
                List.of(CovidCases.TABLE),
                List.of(CovidDaily.TABLE),
                () -> {
                    Dataset<Row> daily =
                            CovidDaily.build(lake.read(CovidCases.TABLE)).localCheckpoint();
                    lake.replace(CovidDaily.TABLE, daily);
                    gold[0] = daily.count();
                    gold[1] =
                            daily.where(functions.col("is_cumulative_decrease")).count();
                    return new StepCounts(silver[1], gold[0], 0);
                });
        return new Result(runId, silver[0], silver[1], silver[2], gold[0], gold[1]);
    }
}
