package io.shoplake.cli.cars;

import io.shoplake.console.Output;
import io.shoplake.pipelines.cars.ConfusionMatrix;
import io.shoplake.pipelines.cars.Spread;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Formatting shared by the ml commands: figures to three decimals, confusion matrices as tables. */
final class CarTables {

    private CarTables() {}

    static String figure(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static String spread(Spread spread) {
        return figure(spread.mean()) + " ± " + figure(spread.sd());
    }

    /** Rows: actual class; columns: predicted class. */
    static void confusion(PrintWriter out, String target, ConfusionMatrix matrix) {
        List<String> header = new ArrayList<>();
        header.add("actual " + target);
        matrix.classes().forEach(c -> header.add("pred " + c));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < matrix.classes().size(); i++) {
            List<String> row = new ArrayList<>();
            row.add(matrix.classes().get(i));
            matrix.counts().get(i).forEach(count -> row.add(String.valueOf(count)));
            rows.add(row);
        }
        Output.table(out, header, rows);
    }
}
