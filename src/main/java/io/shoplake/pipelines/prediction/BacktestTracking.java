package io.shoplake.pipelines.prediction;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.TableId;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.backtest_tracking}: the weekly calibration/holdout tracking of the last backtest (one row per tracking
 * week: actual and predicted repeat purchases and their running totals). Each backtest replaces the table, so it
 * always shows the last one; the dashboard and Grafana chart it.
 */
public final class BacktestTracking {

    public static final TableId TABLE = TableId.gold("backtest_tracking");

    static final StructType SCHEMA = new StructType()
            .add("period_end", DataTypes.DateType, false)
            .add("actual", DataTypes.LongType, false)
            .add("predicted", DataTypes.DoubleType, false)
            .add("cumulative_actual", DataTypes.LongType, false)
            .add("cumulative_predicted", DataTypes.DoubleType, false)
            .add("model", DataTypes.StringType, false)
            .add("calibration_end", DataTypes.DateType, false)
            .add("holdout_end", DataTypes.DateType, false);

    private BacktestTracking() {}

    /** The tracking rows of a report. */
    public static Dataset<Row> rows(Lakehouse lake, BacktestReport report) {
        List<Row> rows = new ArrayList<>();
        for (BacktestReport.Period period : report.tracking()) {
            rows.add(RowFactory.create(
                    Date.valueOf(period.periodEnd()),
                    period.actual(),
                    period.predicted(),
                    period.cumulativeActual(),
                    period.cumulativePredicted(),
                    report.model(),
                    Date.valueOf(report.calibrationEnd()),
                    Date.valueOf(report.holdoutEnd())));
        }
        return lake.spark().createDataFrame(rows, SCHEMA);
    }

    /** Replaces {@code gold.backtest_tracking} with this report's weeks. */
    public static void write(Lakehouse lake, BacktestReport report) {
        lake.replace(TABLE, rows(lake, report));
    }
}
