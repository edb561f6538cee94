package io.shoplake.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code demo --only/--skip}: which steps run. */
class DemoSelectionTest {

    @Test
    void everyPartButTheOnRequestOnesRunsByDefault() {
        assertThat(Demo.selectedSteps(Set.of(), Set.of()))
                .isEqualTo(Demo.steps().stream()
                        .filter(step -> !Demo.ON_REQUEST.contains(step.part()))
                        .toList());
        assertThat(Demo.selectedSteps(Set.of(), Set.of()))
                .extracting(Demo.Step::part)
                .containsSubsequence("orders", "prediction", "industries", Demo.ALWAYS)
                .doesNotContain("customers360", "memberships");
        assertThat(Demo.selectedSteps(Set.of("industries"), Set.of()))
                .extracting(Demo.Step::name)
                .containsExactly(
                        "industry swings: customers, a live Kafka stream of orders, the top 3",
                        "summary of every table",
                        "stop services");
        assertThat(Demo.selectedSteps(Set.of("customers360"), Set.of()))
                .extracting(Demo.Step::part)
                .containsOnly("customers360", Demo.ALWAYS);
    }

    @Test
    void onlyBringsInThePartsItNeedsAndTheAlwaysSteps() {
        List<Demo.Step> steps = Demo.selectedSteps(Set.of("prediction"), Set.of());
        assertThat(steps).extracting(Demo.Step::part).containsOnly("orders", "prediction", Demo.ALWAYS);
        assertThat(steps).extracting(Demo.Step::name).contains("summary of every table", "stop services");
    }

    @Test
    void skipLeavesAPartOut() {
        assertThat(Demo.selectedSteps(Set.of(), Set.of("prediction")))
                .extracting(Demo.Step::part)
                .doesNotContain("prediction")
                .contains("orders");
    }

    @Test
    void unknownPartsAndBrokenNeedsAreNamed() {
        assertThatThrownBy(() -> Demo.selectedSteps(Set.of("ordres"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown demo part 'ordres' (known: orders, prediction");
        assertThatThrownBy(() -> Demo.selectedSteps(Set.of("prediction"), Set.of("orders")))
                .hasMessage("demo part 'prediction' needs 'orders'; skip 'prediction' too, or do not skip 'orders'");
    }
}
