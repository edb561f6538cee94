package io.shoplake.demo;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Set;

/**
 * How the demo runs.
 *
 * @param lake the demo's own lake folder (recreated on every run; default {@value #DEFAULT_LAKE})
 * @param customers customers to generate
 * @param seed generator seed
 * @param defectRate share of generated rows with a defect
 * @param keepServices keep the embedded MariaDB running after the demo until Enter is pressed
 * @param only the parts to run (empty: all), see {@link Demo#parts()}
 * @param skip the parts not to run
 * @param serve serve the dashboard over the demo lake at the end until Enter is pressed
 */
public record DemoSettings(
        Path lake,
        int customers,
        long seed,
        double defectRate,
        boolean keepServices,
        Set<String> only,
        Set<String> skip,
        boolean serve) {

    public static final String DEFAULT_LAKE = "demo-lake";
    public static final int DEFAULT_CUSTOMERS = 2_000;
    /** Marks a folder as the demo's: only such a folder is deleted and recreated by the next demo run. */
    public static final String MARKER = ".shoplake-demo";

    /** Every part, the defaults otherwise. */
    public DemoSettings(Path lake, int customers, long seed, double defectRate, boolean keepServices) {
        this(lake, customers, seed, defectRate, keepServices, Set.of(), Set.of(), false);
    }

    public DemoSettings {
        requireNonNull(lake, "lake is null");
        only = Set.copyOf(requireNonNull(only, "only is null"));
        skip = Set.copyOf(requireNonNull(skip, "skip is null"));
        Demo.selectedSteps(only, skip);
        if (customers < 1) {
            throw new IllegalArgumentException("customers must be at least 1, was: " + customers);
        }
        if (!(defectRate >= 0 && defectRate <= 0.5)) {
            throw new IllegalArgumentException("defect rate must be between 0 and 0.5, was: " + defectRate);
        }
    }

    /** Generated CSV files. */
    public Path dataDirectory() {
        return lake.resolve("state").resolve("demo").resolve("orders-csv");
    }

    /** Embedded servers' data. */
    public Path servicesDirectory() {
        return lake.resolve("state").resolve("demo").resolve("services");
    }
}
