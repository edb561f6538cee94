package io.shoplake.lakehouse;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Labels the Spark jobs a piece of work runs with its phase (the {@value #PROPERTY} job property and the job
 * description), so the UI, the logs and a profiling listener say where the time goes; logs each phase's time at debug.
 */
public final class JobPhase {

    /** The Spark local property that carries the phase, e.g. {@code ingest: boundary pass}. */
    public static final String PROPERTY = "shoplake.phase";

    /** Spark's own local property for the job description the UI shows. */
    private static final String JOB_DESCRIPTION = "spark.job.description";

    private static final System.Logger LOG = System.getLogger(JobPhase.class.getName());

    private JobPhase() {}

    /** Runs {@code body} with its jobs labelled {@code phase}; the previous label is restored afterwards. */
    public static <T> T run(SparkSession spark, String phase, Supplier<T> body) {
        requireNonNull(phase, "phase is null");
        SparkContext context = spark.sparkContext();
        String previous = context.getLocalProperty(PROPERTY);
        String previousDescription = context.getLocalProperty(JOB_DESCRIPTION);
        context.setLocalProperty(PROPERTY, phase);
        context.setLocalProperty(JOB_DESCRIPTION, phase);
        long began = System.nanoTime();
        try {
            return body.get();
        } finally {
            context.setLocalProperty(PROPERTY, previous);
            context.setLocalProperty(JOB_DESCRIPTION, previousDescription);
            if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
                LOG.log(System.Logger.Level.DEBUG, phase + ": " + (System.nanoTime() - began) / 1_000_000 + " ms");
            }
        }
    }

    /** {@link #run(SparkSession, String, Supplier)} for work without a result. */
    public static void run(SparkSession spark, String phase, Runnable body) {
        run(spark, phase, () -> {
            body.run();
            return null;
        });
    }
}
