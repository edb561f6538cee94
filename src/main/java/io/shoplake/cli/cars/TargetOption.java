package io.shoplake.cli.cars;

import io.shoplake.cli.common.UsageException;
import io.shoplake.pipelines.cars.CarAttribute;
import io.shoplake.pipelines.cars.CarAttributes;
import picocli.CommandLine.Option;

/** The {@code --target} option of the ml commands: the car attribute a model predicts. */
public final class TargetOption {

    @Option(
            names = "--target",
            defaultValue = "buying",
            paramLabel = "COLUMN",
            description = "The column to predict: buying, maint, doors, persons, lug_boot, safety or class"
                    + " (default: ${DEFAULT-VALUE}).")
    String target;

    public CarAttribute target() {
        return UsageException.whenInvalid(() -> CarAttributes.of(target.trim()));
    }
}
