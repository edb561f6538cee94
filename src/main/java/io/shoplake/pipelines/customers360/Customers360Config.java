package io.shoplake.pipelines.customers360;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.shoplake.quality.ProductionChecksConfig;

/**
 * The {@code customers360:} section of {@code shoplake.yaml} (docs/customers360.md).
 *
 * @param batchRecords customer records per bronze write batch while streaming an export (default 20000)
 * @param quality the production data-quality checks (docs/quality.md)
 */
public record Customers360Config(
        @JsonProperty("batch-records") Integer batchRecords,
        @JsonProperty("quality") ProductionChecksConfig quality) {

    /** The section's key in {@code shoplake.yaml}. */
    public static final String KEY = "customers360";

    public static final Customers360Config DEFAULT = new Customers360Config(null, null);

    public Customers360Config {
        batchRecords = batchRecords == null ? 20_000 : batchRecords;
        quality = quality == null ? ProductionChecksConfig.DEFAULT : quality;
        if (batchRecords < 1) {
            throw new IllegalArgumentException("customers360.batch-records must be at least 1, was: " + batchRecords);
        }
    }
}
