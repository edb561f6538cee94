package io.shoplake.pipelines.orders.generator;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a generator run wrote.
 *
 * @param directory the output folder
 * @param tables per source table (in load order) what was written
 * @param elapsed wall time of the run
 */
public record GeneratedOrders(Path directory, List<TableFiles> tables, Duration elapsed) {

    public GeneratedOrders {
        requireNonNull(directory, "directory is null");
        tables = List.copyOf(tables);
        requireNonNull(elapsed, "elapsed is null");
    }

    /** The summary of one table, by name. */
    public TableFiles table(String name) {
        return tables.stream()
                .filter(t -> t.table().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no generated table named: " + name));
    }

    /**
     * One table's files and row counts.
     *
     * @param table source table name, e.g. {@code order_details}
     * @param files the files written, in order
     * @param rows data lines written (header excluded; defective and duplicate lines included)
     * @param defects injected defects by kind; a line carries at most one
     */
    public record TableFiles(String table, List<Path> files, long rows, Map<Defect, Long> defects) {

        public TableFiles {
            requireNonNull(table, "table is null");
            files = List.copyOf(files);
            defects = defects.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(defects));
        }

        /** Lines carrying any defect. */
        public long defectiveRows() {
            return defects.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Lines carrying no defect. */
        public long cleanRows() {
            return rows - defectiveRows();
        }
    }
}
