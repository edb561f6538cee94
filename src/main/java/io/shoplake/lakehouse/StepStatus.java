package io.shoplake.lakehouse;

/** How a recorded step ended, or that it started. */
public enum StepStatus {
    /** Recorded when a step begins; its end row follows (SUCCEEDED or FAILED) unless the run was killed. */
    STARTED,
    SUCCEEDED,
    FAILED,
    /**
     * Not stored: what {@link RunLedger#history()} shows for a start without an end (a run that is still going, or was
     * killed or lost its JVM between the two).
     */
    UNFINISHED
}
