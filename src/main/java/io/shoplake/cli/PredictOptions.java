package io.shoplake.cli;

import io.shoplake.jobs.prediction.ModelFitException;
import io.shoplake.jobs.prediction.ModelType;
import io.shoplake.jobs.prediction.TimeUnit;
import io.shoplake.jobs.prediction.TransactionSource;
import io.shoplake.lakehouse.Lakehouse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Option;

/** Options every {@code predict} subcommand shares: input, time unit, model, penalty. */
public final class PredictOptions {

    @Option(
            names = "--source",
            defaultValue = "orders",
            paramLabel = "orders|transactions",
            description = "Input: silver.orders with order_items, or silver.transactions (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(
            names = "--unit",
            defaultValue = "days",
            paramLabel = "days|weeks",
            description = "Time unit of the model and its parameters (default: ${DEFAULT-VALUE}).")
    String unit;

    @Option(
            names = "--model",
            defaultValue = "bgnbd",
            paramLabel = "bgnbd|pareto-nbd",
            description = "Purchase model (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
            names = "--penalty",
            defaultValue = "0",
            paramLabel = "LAMBDA",
            description = "L2 penalty: mean negative log-likelihood + LAMBDA * sum of squared parameters (default: 0).")
    double penalty;

    TransactionSource source() {
        return usage(() -> TransactionSource.of(source));
    }

    TimeUnit unit() {
        return usage(() -> TimeUnit.of(unit));
    }

    ModelType model() {
        return usage(() -> ModelType.of(model));
    }

    double penalty() {
        if (!(penalty >= 0) || Double.isInfinite(penalty)) {
            throw new UsageException("--penalty must be a finite number >= 0, was: " + penalty);
        }
        return penalty;
    }

    Dataset<Row> transactions(Lakehouse lake) {
        return source().read(lake);
    }

    static LocalDate date(String option, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " must be a date yyyy-MM-dd, was: " + value);
        }
    }

    static <T> T usage(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Runs a job, turning "the data cannot support this" into exit code 1 with its one-line message. */
    static <T> T job(Supplier<T> body) {
        try {
            return body.get();
        } catch (ModelFitException e) {
            throw new RunFailedException(e.getMessage());
        }
    }
}
