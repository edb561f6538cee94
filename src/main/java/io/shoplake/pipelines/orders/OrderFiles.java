package io.shoplake.pipelines.orders;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which files of a folder hold which orders source table: {@code <table>.csv}, or split parts
 * {@code <table>-<anything>.csv} (e.g. {@code order_details-0001.csv}) so a big extract may come in several files.
 */
public final class OrderFiles {

    /** The files for each source table (in {@link OrderSources#LOAD_ORDER}, each list by name) and the others. */
    public record Plan(Map<String, List<String>> filesByTable, List<String> ignored) {
        public Plan {
            filesByTable = java.util.Collections.unmodifiableMap(
                    new LinkedHashMap<>(requireNonNull(filesByTable, "filesByTable is null")));
            ignored = List.copyOf(requireNonNull(ignored, "ignored is null"));
        }

        public boolean isEmpty() {
            return filesByTable.values().stream().allMatch(List::isEmpty);
        }
    }

    private OrderFiles() {}

    /** Sorts file names into source tables; names that are no orders table are ignored. */
    public static Plan plan(List<String> fileNames) {
        Map<String, List<String>> byTable = new LinkedHashMap<>();
        OrderSources.LOAD_ORDER.forEach(table -> byTable.put(table, new ArrayList<>()));
        List<String> ignored = new ArrayList<>();
        for (String name : fileNames.stream().sorted().toList()) {
            Optional<String> table = tableFor(name);
            if (table.isPresent()) {
                byTable.get(table.get()).add(name);
            } else {
                ignored.add(name);
            }
        }
        byTable.replaceAll((table, names) ->
                names.stream().sorted(Comparator.naturalOrder()).toList());
        return new Plan(byTable, ignored);
    }

    /** The source table a file name stands for: {@code orders.csv} and {@code orders-2024-01.csv} are orders. */
    public static Optional<String> tableFor(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".csv")) {
            return Optional.empty();
        }
        String stem = lower.substring(0, lower.length() - 4);
        if (OrderSources.COLUMNS.containsKey(stem)) {
            return Optional.of(stem);
        }
        int dash = stem.indexOf('-');
        if (dash > 0 && dash < stem.length() - 1 && OrderSources.COLUMNS.containsKey(stem.substring(0, dash))) {
            return Optional.of(stem.substring(0, dash));
        }
        return Optional.empty();
    }
}
