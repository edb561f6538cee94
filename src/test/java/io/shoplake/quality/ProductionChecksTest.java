package io.shoplake.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Volume anomaly, schema drift and their config, on hand-computed numbers (no Spark needed). */
class ProductionChecksTest {

    @Test
    void volumeOutsideTheTrailingMeanPlusMinusKSdIsAnAnomaly() {
        VolumeAnomaly volume = new VolumeAnomaly("daily_volume", 14, 2.0, 3, Action.WARN);
        // 100, 110, 90, 100: mean 100, sample sd sqrt(200/3) = 8.165, so 2 sd allows 83.67 to 116.33.
        List<Long> history = List.of(100L, 110L, 90L, 100L);

        ExpectationResult inside = volume.check("bronze.t", 116, history);
        ExpectationResult above = volume.check("bronze.t", 117, history);
        ExpectationResult below = volume.check("bronze.t", 83, history);

        assertThat(inside.passed()).isTrue();
        assertThat(above.rowsFailed()).isEqualTo(117);
        assertThat(below.rowsFailed()).isEqualTo(83);
        assertThat(above.detail()).contains("117 rows; trailing 4-day mean 100.0, sd 8.2, allowed 83.7 to 116.3");
    }

    @Test
    void volumeWithTooLittleHistoryOnlyRecords() {
        VolumeAnomaly volume = new VolumeAnomaly("daily_volume", 14, 3.0, 3, Action.FAIL);

        ExpectationResult result = volume.check("bronze.t", 1_000_000, List.of(5L, 6L));

        assertThat(result.passed()).isTrue();
        assertThat(result.rowsChecked()).isEqualTo(1_000_000);
        assertThat(result.detail()).contains("1000000 rows; 2 earlier days, 3 needed to judge");
    }

    @Test
    void schemaDriftFindsAppearedDisappearedAndRetypedFields() {
        Map<String, String> before = SchemaDrift.dominantTypes(Map.of(
                "id", Map.of("number", 10L),
                "email", Map.of("string", 9L, "null", 1L),
                "total_spent", Map.of("number", 10L),
                "fax", Map.of("string", 3L)));
        Map<String, String> after = SchemaDrift.dominantTypes(Map.of(
                "id", Map.of("number", 8L, "string", 2L),
                "email", Map.of("null", 10L),
                "total_spent", Map.of("string", 7L, "number", 3L),
                "loyalty_tier", Map.of("string", 10L)));
        SchemaDrift drift = new SchemaDrift("schema_drift", Action.WARN);

        ExpectationResult result = drift.check("bronze.t", Optional.of(before), after);

        // A few wrongly typed ids are not drift; an all-null email is not a type change.
        assertThat(result.rowsFailed()).isEqualTo(3);
        assertThat(result.detail())
                .contains("fax disappeared (was string); loyalty_tier appeared (string); "
                        + "total_spent changed type number -> string");
        assertThat(drift.check("bronze.t", Optional.empty(), after).passed()).isTrue();
    }

    @Test
    void configDefaultsAndRules() {
        ProductionChecksConfig defaults = ProductionChecksConfig.DEFAULT;
        assertThat(defaults.freshness("f", "d")).isEqualTo(new Freshness("f", "d", 1, Action.WARN));
        assertThat(defaults.volume("v")).isEqualTo(new VolumeAnomaly("v", 14, 3.0, 3, Action.WARN));
        assertThat(defaults.schemaDrift("s")).isEqualTo(new SchemaDrift("s", Action.WARN));
        assertThat(defaults.referentialIntegrity()).isEqualTo(Action.WARN);
        assertThat(new ProductionChecksConfig(null, null, null, null, null, null, null, "Quarantine")
                        .referentialIntegrity())
                .isEqualTo(Action.QUARANTINE);
        assertThatThrownBy(() -> new ProductionChecksConfig(null, null, null, null, null, "quarantine", null, null))
                .hasMessage("volume-action must be warn or fail (a table-level check cannot quarantine rows), was: "
                        + "quarantine");
        assertThatThrownBy(() -> new ProductionChecksConfig(null, "stop", null, null, null, null, null, null))
                .hasMessage("freshness-action must be warn, quarantine or fail, was: stop");
        assertThatThrownBy(() -> new ProductionChecksConfig(null, null, 14, 0.0, null, null, null, null))
                .hasMessage("volume-k must be above 0, was: 0.0");
    }
}
