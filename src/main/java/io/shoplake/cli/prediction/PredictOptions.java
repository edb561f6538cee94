package io.shoplake.cli.prediction;

import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.UsageException;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.pipelines.prediction.ModelEvaluationException;
import io.shoplake.pipelines.prediction.ModelFitException;
import io.shoplake.pipelines.prediction.ModelType;
import io.shoplake.pipelines.prediction.TimeUnit;
import io.shoplake.pipelines.prediction.TransactionSource;
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
        return UsageException.whenInvalid(() -> TransactionSource.of(source));
    }

    TimeUnit unit() {
        return UsageException.whenInvalid(() -> TimeUnit.of(unit));
    }

    ModelType model() {
        return UsageException.whenInvalid(() -> ModelType.of(model));
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

    /**
     * Runs a job, turning "the data cannot support this" and "the model cannot score this customer" into exit code 1
     * with their one-line message.
     */
    static <T> T job(Supplier<T> body) {
        try {
            return body.get();
        } catch (ModelFitException e) {
            throw new RunFailedException(e.getMessage());
        } catch (Exception e) {
            // Spark wraps a scoring task's failure in its own exception: show the model's one line instead.
            RuntimeException top = ModelEvaluationException.unwrap(e);
            if (top instanceof ModelEvaluationException) {
                throw new RunFailedException(top.getMessage());
            }
            throw top;
        }
    }
}
