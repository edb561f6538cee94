package io.shoplake.quality;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * The production data-quality checks a pipeline runs besides its row rules, as a {@code quality:} block inside the
 * pipeline's {@code shoplake.yaml} section (docs/quality.md). Every key has a default; table-level checks (freshness,
 * volume, schema drift) can warn or fail, referential integrity can also quarantine the orphan rows.
 *
 * @param freshnessMaxAgeDays the newest date may be at most this many days before the run's day (default 1)
 * @param freshnessAction warn (default) or fail
 * @param volumeTrailingDays how many earlier days the volume check compares with (default 14)
 * @param volumeK how many standard deviations from the trailing mean count as an anomaly (default 3)
 * @param volumeMinHistoryDays fewer earlier days than this and the volume check only records (default 3)
 * @param volumeAction warn (default) or fail
 * @param schemaDriftAction warn (default) or fail
 * @param referentialIntegrityAction warn (default), quarantine or fail
 */
public record ProductionChecksConfig(
        @JsonProperty("freshness-max-age-days") Integer freshnessMaxAgeDays,
        @JsonProperty("freshness-action") String freshnessAction,
        @JsonProperty("volume-trailing-days") Integer volumeTrailingDays,
        @JsonProperty("volume-k") Double volumeK,
        @JsonProperty("volume-min-history-days") Integer volumeMinHistoryDays,
        @JsonProperty("volume-action") String volumeAction,
        @JsonProperty("schema-drift-action") String schemaDriftAction,
        @JsonProperty("referential-integrity-action") String referentialIntegrityAction) {

    public static final ProductionChecksConfig DEFAULT =
            new ProductionChecksConfig(null, null, null, null, null, null, null, null);

    public ProductionChecksConfig {
        freshnessMaxAgeDays = freshnessMaxAgeDays == null ? 1 : freshnessMaxAgeDays;
        freshnessAction = freshnessAction == null ? "warn" : freshnessAction;
        volumeTrailingDays = volumeTrailingDays == null ? 14 : volumeTrailingDays;
        volumeK = volumeK == null ? 3.0 : volumeK;
        volumeMinHistoryDays = volumeMinHistoryDays == null ? 3 : volumeMinHistoryDays;
        volumeAction = volumeAction == null ? "warn" : volumeAction;
        schemaDriftAction = schemaDriftAction == null ? "warn" : schemaDriftAction;
        referentialIntegrityAction = referentialIntegrityAction == null ? "warn" : referentialIntegrityAction;
        // Validated here so a bad file fails at load with the key, the rule and the value.
        tableLevel("freshness-action", freshnessAction);
        tableLevel("volume-action", volumeAction);
        tableLevel("schema-drift-action", schemaDriftAction);
        action("referential-integrity-action", referentialIntegrityAction);
        if (freshnessMaxAgeDays < 0) {
            throw new IllegalArgumentException(
                    "freshness-max-age-days must be at least 0, was: " + freshnessMaxAgeDays);
        }
        if (volumeTrailingDays < 2) {
            throw new IllegalArgumentException("volume-trailing-days must be at least 2, was: " + volumeTrailingDays);
        }
        if (!(volumeK > 0)) {
            throw new IllegalArgumentException("volume-k must be above 0, was: " + volumeK);
        }
        if (volumeMinHistoryDays < 2 || volumeMinHistoryDays > volumeTrailingDays) {
            throw new IllegalArgumentException("volume-min-history-days must be between 2 and volume-trailing-days ("
                    + volumeTrailingDays + "), was: " + volumeMinHistoryDays);
        }
    }

    /** The freshness check of {@code column}. */
    public Freshness freshness(String name, String column) {
        return new Freshness(name, column, freshnessMaxAgeDays, tableLevel("freshness-action", freshnessAction));
    }

    public VolumeAnomaly volume(String name) {
        return new VolumeAnomaly(
                name, volumeTrailingDays, volumeK, volumeMinHistoryDays, tableLevel("volume-action", volumeAction));
    }

    public SchemaDrift schemaDrift(String name) {
        return new SchemaDrift(name, tableLevel("schema-drift-action", schemaDriftAction));
    }

    public Action referentialIntegrity() {
        return action("referential-integrity-action", referentialIntegrityAction);
    }

    static Action action(String key, String value) {
        try {
            return Action.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be warn, quarantine or fail, was: " + value);
        }
    }

    private static Action tableLevel(String key, String value) {
        Action action = action(key, value);
        if (action == Action.QUARANTINE) {
            throw new IllegalArgumentException(
                    key + " must be warn or fail (a table-level check cannot quarantine rows), was: " + value);
        }
        return action;
    }
}
