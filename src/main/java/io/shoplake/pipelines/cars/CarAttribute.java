package io.shoplake.pipelines.cars;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One column of the car evaluation data and the values it may take, in the order the data set documents them
 * (best-known first for prices: {@code vhigh, high, med, low}).
 */
public record CarAttribute(String name, List<String> values) {

    public CarAttribute {
        requireNonNull(name, "name is null");
        values = List.copyOf(values);
        if (values.size() < 2) {
            throw new IllegalArgumentException(name + " must have at least 2 values, has: " + values);
        }
    }

    /** The position of {@code value} in {@link #values()}, or -1. */
    public int indexOf(String value) {
        return values.indexOf(value);
    }
}
