package io.shoplake.lake;

/** How a recorded step ended. */
public enum StepStatus {
    SUCCEEDED, FAILED
}
