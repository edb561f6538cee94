package io.shoplake.cli.cars;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import io.shoplake.pipelines.cars.CarAttribute;
import io.shoplake.pipelines.cars.CarModelStore;
import io.shoplake.pipelines.cars.CarPrediction;
import io.shoplake.pipelines.cars.ModelCard;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake ml predict}: a saved model's class and probabilities for one car, with its limits said. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = "Predict the target of one car with the latest saved model (or --version): the class and its"
                + " probabilities. Attributes left out are averaged over; values never seen together in the"
                + " training data are named in a warning.")
public final class MlPredictCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption output;

    @Mixin
    TargetOption targetOption;

    @Option(names = "--buying", paramLabel = "V", description = "vhigh, high, med or low.")
    String buying;

    @Option(names = "--maint", paramLabel = "V", description = "vhigh, high, med or low.")
    String maint;

    @Option(names = "--doors", paramLabel = "V", description = "2, 3, 4 or 5more.")
    String doors;

    @Option(names = "--persons", paramLabel = "V", description = "2, 4 or more.")
    String persons;

    @Option(names = "--lug-boot", paramLabel = "V", description = "small, med or big.")
    String lugBoot;

    @Option(names = "--safety", paramLabel = "V", description = "low, med or high.")
    String safety;

    @Option(names = "--class", paramLabel = "V", description = "unacc, acc, good or vgood.")
    String carClass;

    @Option(names = "--version", paramLabel = "N", description = "The saved model version (default: the latest).")
    Integer version;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private Map<String, String> given() {
        Map<String, String> given = new LinkedHashMap<>();
        put(given, "buying", buying);
        put(given, "maint", maint);
        put(given, "doors", doors);
        put(given, "persons", persons);
        put(given, "lug_boot", lugBoot);
        put(given, "safety", safety);
        put(given, "class", carClass);
        return given;
    }

    private static void put(Map<String, String> given, String name, String value) {
        if (value != null) {
            given.put(name, value.trim().toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public Integer call() {
        CarAttribute target = targetOption.target();
        if (version != null && version < 1) {
            throw new UsageException("--version must be at least 1, was: " + version);
        }
        Map<String, String> given = given();
        if (given.containsKey(target.name())) {
            throw new UsageException("--" + target.name().replace('_', '-') + " is the target (what is predicted):"
                    + " leave it out or choose another --target");
        }
        try (Workspace workspace = Workspace.of(common)) {
            CarModelStore store = new CarModelStore(
                    UsageException.whenInvalid(() -> workspace.settings().localDirectory("the car model store")));
            CarModelStore.SavedModel model;
            try {
                model = store.load(
                        workspace.lake().spark(),
                        ModelCard.nameFor(target),
                        version == null ? OptionalInt.empty() : OptionalInt.of(version));
            } catch (IllegalArgumentException e) {
                throw new RunFailedException(e.getMessage());
            }
            CarPrediction.Result result = UsageException.whenInvalid(
                    () -> CarPrediction.predict(workspace.lake().spark(), model, given));
            output.print(spec.commandLine().getOut(), result, MlPredictCommand::print);
            return ExitCode.OK;
        }
    }

    private static void print(PrintWriter out, CarPrediction.Result result) {
        List<String> asked = new ArrayList<>();
        result.given().forEach((k, v) -> asked.add(k + "=" + v));
        out.println(result.model() + " v" + result.version() + " (" + result.kind() + "), for "
                + (asked.isEmpty() ? "any car" : String.join(", ", asked)) + ":");
        out.println("predicted " + result.target() + ": " + result.predicted());
        List<List<String>> rows = new ArrayList<>();
        result.probabilities().forEach((value, p) -> rows.add(List.of(value, CarTables.figure(p))));
        Output.table(out, List.of(result.target(), "probability"), rows);
        out.println("training rows with these values: " + result.matchingRows() + " of " + result.trainingRows());
        result.notes().forEach(out::println);
    }
}
