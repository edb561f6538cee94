package io.shoplake.pipelines.prediction;

/** A fitted model cannot evaluate a quantity for a customer's data (extreme parameters); the message says which. */
public final class ModelEvaluationException extends RuntimeException {

    public ModelEvaluationException(String message) {
        super(message);
    }

    /**
     * The exception a Spark job failed with, with a scoring task's {@code ModelEvaluationException} (which Spark wraps
     * in its own job-failure exception) brought to the top so the user sees its one line; anything else unchanged.
     */
    public static RuntimeException unwrap(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ModelEvaluationException evaluation) {
                return evaluation;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        return ModelEvaluationException.<RuntimeException>sneaky(e);
    }

    /** Rethrows a checked exception Scala code threw undeclared (Spark's SparkException), unchanged. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> RuntimeException sneaky(Exception e) throws E {
        throw (E) e;
    }
}
