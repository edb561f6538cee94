package io.shoplake.quality;

/** What a broken expectation does to the run. */
public enum Action {
    /** Count the failures and keep the rows. */
    WARN,
    /** Move failing rows to quarantine with the reason; the rest go on. */
    QUARANTINE,
    /** Abort the run when any row fails. */
    FAIL
}
