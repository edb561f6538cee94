package io.shoplake.quality;

import static java.util.Objects.requireNonNull;

/**
 * A named row-level rule and what breaking it does, e.g. {@code order_date_valid}: order_date parses as date,
 * QUARANTINE.
 */
public record Expectation(String name, Rule rule, Action action) {

    public Expectation {
        requireNonNull(name, "name is null");
        requireNonNull(rule, "rule is null");
        requireNonNull(action, "action is null");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("expectation name must be lower-case snake_case, was: " + name);
        }
    }

    public static Expectation warn(String name, Rule rule) {
        return new Expectation(name, rule, Action.WARN);
    }

    public static Expectation quarantine(String name, Rule rule) {
        return new Expectation(name, rule, Action.QUARANTINE);
    }

    public static Expectation fail(String name, Rule rule) {
        return new Expectation(name, rule, Action.FAIL);
    }
}
