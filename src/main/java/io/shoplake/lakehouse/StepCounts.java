package io.shoplake.lakehouse;

/**
 * Row counts a step reports; a step reconciles when {@code rowsIn == rowsOut + rowsQuarantined} (steps that
 * aggregate or de-duplicate report {@code rowsOut} as the rows they accounted for, not the rows they wrote).
 */
public record StepCounts(long rowsIn, long rowsOut, long rowsQuarantined) {

    public StepCounts {
        if (rowsIn < 0 || rowsOut < 0 || rowsQuarantined < 0) {
            throw new IllegalArgumentException(
                    "row counts must not be negative, were: " + rowsIn + ", " + rowsOut + ", " + rowsQuarantined);
        }
    }

    public boolean reconciles() {
        return rowsIn == rowsOut + rowsQuarantined;
    }

    public StepCounts plus(StepCounts other) {
        return new StepCounts(rowsIn + other.rowsIn, rowsOut + other.rowsOut, rowsQuarantined + other.rowsQuarantined);
    }
}
