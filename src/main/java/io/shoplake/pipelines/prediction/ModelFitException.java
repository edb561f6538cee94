package io.shoplake.pipelines.prediction;

/** The data cannot support a model fit, or the optimiser did not converge; the message says which. */
public final class ModelFitException extends RuntimeException {

    public ModelFitException(String message) {
        super(message);
    }
}
