package io.shoplake.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Renders results for people (aligned tables) and machines (JSON, CSV); the one place output is formatted. */
public final class Output {

    /** JSON of records: snake_case keys, ISO dates, pretty-printed. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Output() {}

    /** Writes a value (record, map, list) as JSON. */
    public static void json(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A JSON array of row objects, column names as keys, nulls kept. */
    public static void jsonRows(PrintWriter out, Dataset<Row> rows) {
        List<String> objects = rows.toJSON().collectAsList();
        out.println(objects.isEmpty() ? "[]" : "[\n  " + String.join(",\n  ", objects) + "\n]");
    }

    /** RFC 4180 CSV with a header line. */
    public static void csvRows(PrintWriter out, Dataset<Row> rows) {
        out.println(Arrays.stream(rows.columns()).map(Output::csvField).collect(Collectors.joining(",")));
        for (Row row : rows.collectAsList()) {
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < row.length(); i++) {
                fields.add(row.isNullAt(i) ? "" : csvField(String.valueOf(row.get(i))));
            }
            out.println(String.join(",", fields));
        }
    }

    /** An aligned text table of a dataset's rows. */
    public static void tableRows(PrintWriter out, Dataset<Row> rows) {
        List<List<String>> cells = new ArrayList<>();
        for (Row row : rows.collectAsList()) {
            List<String> line = new ArrayList<>();
            for (int i = 0; i < row.length(); i++) {
                line.add(row.isNullAt(i) ? "" : String.valueOf(row.get(i)));
            }
            cells.add(line);
        }
        table(out, Arrays.asList(rows.columns()), cells);
    }

    /** An aligned text table; numbers are right-aligned. */
    public static void table(PrintWriter out, List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = header.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], oneLine(row.get(i)).length());
            }
        }
        out.println(line(header, widths));
        out.println(Arrays.stream(widths).mapToObj("-"::repeat).collect(Collectors.joining("  ")));
        for (List<String> row : rows) {
            out.println(line(row, widths));
        }
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = oneLine(cells.get(i));
            boolean numeric = cell.matches("-?[0-9][0-9.,eE+-]*");
            String padded = numeric
                    ? " ".repeat(widths[i] - cell.length()) + cell
                    : cell + " ".repeat(widths[i] - cell.length());
            text.append(i == 0 ? "" : "  ").append(padded);
        }
        return text.toString().stripTrailing();
    }

    private static String oneLine(String cell) {
        return cell == null ? "" : cell.replace("\r", "\\r").replace("\n", "\\n");
    }

    public static String csvField(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
