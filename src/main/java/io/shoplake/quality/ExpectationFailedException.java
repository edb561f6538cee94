package io.shoplake.quality;

/** A FAIL expectation was broken: the run stops. The message is one line naming the expectation and the count. */
public final class ExpectationFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExpectationFailedException(ExpectationResult result) {
        super("expectation " + result.tableName() + "." + result.expectation() + " failed: " + result.rowsFailed()
                + " of " + result.rowsChecked() + " rows"
                + result.detail().map(d -> " (" + d + ")").orElse(""));
    }
}
