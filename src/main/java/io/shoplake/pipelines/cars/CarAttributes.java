package io.shoplake.pipelines.cars;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The seven columns of the UCI car evaluation data ({@code buying, maint, doors, persons, lug_boot, safety, class})
 * and their allowed values, as {@code car.c45-names} lists them.
 */
public final class CarAttributes {

    public static final CarAttribute BUYING = new CarAttribute("buying", List.of("vhigh", "high", "med", "low"));
    public static final CarAttribute MAINT = new CarAttribute("maint", List.of("vhigh", "high", "med", "low"));
    public static final CarAttribute DOORS = new CarAttribute("doors", List.of("2", "3", "4", "5more"));
    public static final CarAttribute PERSONS = new CarAttribute("persons", List.of("2", "4", "more"));
    public static final CarAttribute LUG_BOOT = new CarAttribute("lug_boot", List.of("small", "med", "big"));
    public static final CarAttribute SAFETY = new CarAttribute("safety", List.of("low", "med", "high"));
    public static final CarAttribute CLASS = new CarAttribute("class", List.of("unacc", "acc", "good", "vgood"));

    /** Every column, in file order. */
    public static final List<CarAttribute> ALL = List.of(BUYING, MAINT, DOORS, PERSONS, LUG_BOOT, SAFETY, CLASS);

    private CarAttributes() {}

    /** The column names, in file order. */
    public static List<String> names() {
        return ALL.stream().map(CarAttribute::name).toList();
    }

    /** The attribute called {@code name}. */
    public static CarAttribute of(String name) {
        return ALL.stream()
                .filter(a -> a.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "column must be one of " + String.join(", ", names()) + ", was: " + name));
    }

    /** Every column except {@code target}, in file order: what a model predicting {@code target} reads. */
    public static List<CarAttribute> featuresFor(CarAttribute target) {
        return ALL.stream().filter(a -> !a.equals(target)).collect(Collectors.toUnmodifiableList());
    }
}
