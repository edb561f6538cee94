package io.shoplake.lakehouse;

/** How a recorded step ended, or that it started. */
public enum StepStatus {
    /** Recorded in ops.run_starts when a step begins; its end row in ops.runs follows unless the run was killed. */
    STARTED,
    SUCCEEDED,
    FAILED,
    /**
     * Not stored: what {@link RunLedger#history()} shows for a start without an end (a run that is still going, or was
     * killed or lost its JVM between the two).
     */
    UNFINISHED
}
