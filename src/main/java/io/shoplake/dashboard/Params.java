package io.shoplake.dashboard;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The query parameters of one chart request, checked against what the chart accepts. */
record Params(String chart, Map<String, String> values) {

    static Params parse(String chart, String rawQuery, Set<String> allowed) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (!allowed.contains(name)) {
                    throw new BadParameterException("unknown parameter '" + name + "' for /api/" + chart
                            + (allowed.isEmpty()
                                    ? " (it takes none)"
                                    : " (allowed: "
                                            + String.join(
                                                    ", ",
                                                    allowed.stream().sorted().toList()) + ")"));
                }
                if (values.put(name, value) != null) {
                    throw new BadParameterException("parameter '" + name + "' is given twice");
                }
            }
        }
        return new Params(chart, Map.copyOf(values));
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("the query is not URL-encoded correctly: " + text);
        }
    }

    Optional<String> text(String name, String pattern, String rule) {
        Optional<String> value = Optional.ofNullable(values.get(name));
        value.ifPresent(v -> {
            if (!v.matches(pattern)) {
                throw new BadParameterException(name + " must be " + rule + ", was: '" + v + "'");
            }
        });
        return value;
    }

    int integer(String name, int defaultValue, int min, int max) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new BadParameterException(name + " must be between " + min + " and " + max + ", was: " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new BadParameterException(name + " must be a whole number, was: '" + value + "'");
        }
    }

    Optional<LocalDate> date(String name) {
        String value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name + " must be a date YYYY-MM-DD, was: '" + value + "'");
        }
    }
}
