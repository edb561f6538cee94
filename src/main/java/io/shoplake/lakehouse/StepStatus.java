package io.shoplake.lakehouse;

/** How a recorded step ended. */
public enum StepStatus {
    SUCCEEDED,
    FAILED
}
