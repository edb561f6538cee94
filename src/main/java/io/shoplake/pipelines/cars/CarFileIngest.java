package io.shoplake.pipelines.cars;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.TableId;
import io.shoplake.quality.DqResults;
import io.shoplake.quality.SilverOutput;
import io.shoplake.quality.SilverSteps;
import io.shoplake.sources.files.FileFormat;
import io.shoplake.sources.files.FileIngest;
import io.shoplake.sources.files.FileIngestRequest;
import io.shoplake.sources.files.FileIngestResult;
import io.shoplake.sources.files.FileStatus;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ingest cars}: the headerless car evaluation CSV ({@code buying,maint,doors,persons,lug_boot,safety,class})
 * through the generic file ingest into {@code bronze.cars} (each file once, by content; lines with the wrong number
 * of fields to {@code quarantine.bronze_cars}), then all of bronze checked into {@code silver.cars} by
 * {@link SilverCars} (values outside the allowed ones to {@code quarantine.silver_cars}). Silver is rebuilt from
 * bronze, so loading the same file again leaves the same tables.
 */
public final class CarFileIngest {

    public static final TableId BRONZE = SilverCars.BRONZE;
    public static final TableId CARS = SilverCars.TABLE;

    private static final String JOB = "ingest cars";

    /**
     * Counts of one load: files newly loaded and already loaded, the bronze rows and unparsable lines those files
     * added, and silver.cars after the load ({@code loaded} rows, {@code quarantined} in its quarantine, and the
     * failures per quarantining expectation).
     */
    public record Report(
            String runId,
            String file,
            long filesLoaded,
            long filesAlreadyLoaded,
            long bronzeRows,
            long bronzeQuarantined,
            long loaded,
            long quarantined,
            Map<String, Long> quarantinedBy,
            long repeatedAttributes) {

        public Report {
            quarantinedBy = Collections.unmodifiableMap(new LinkedHashMap<>(quarantinedBy));
        }
    }

    private CarFileIngest() {}

    /** The file-ingest request: a headerless CSV whose columns are the seven car attributes. */
    public static FileIngestRequest request(Path path, String runId) {
        return FileIngestRequest.of(path, BRONZE, FileFormat.CSV, runId, JOB).withColumnNames(CarAttributes.names());
    }

    /**
     * Loads {@code path} into bronze (new files only), rebuilds silver.cars and its quarantine from all of bronze,
     * and records both steps in ops.runs and the expectations in ops.dq_results.
     *
     * @throws IllegalArgumentException when a file is unusable (its reason) or nothing has been loaded at all
     */
    public static Report load(Lakehouse lake, Path path, String runId) {
        List<FileIngestResult> results = new FileIngest(lake).ingest(request(path, runId));
        for (FileIngestResult result : results) {
            if (result.status() == FileStatus.UNUSABLE) {
                throw new IllegalArgumentException(
                        "cannot load " + result.path() + ": " + result.message().orElse(""));
            }
        }
        if (!lake.exists(BRONZE)) {
            throw new IllegalArgumentException("no cars to check: " + path + " holds no data records");
        }
        SilverOutput[] silver = new SilverOutput[1];
        new RunLedger(lake)
                .step(
                        runId,
                        JOB,
                        "check " + CARS,
                        Optional.empty(),
                        List.of(BRONZE),
                        List.of(CARS, CARS.quarantine()),
                        () -> {
                            SilverOutput output = SilverCars.transform(lake.read(BRONZE));
                            lake.replace(
                                    CARS,
                                    lake.spark().createDataFrame(output.rows().rdd(), SilverCars.SCHEMA));
                            new Quarantine(lake).replace(CARS, SilverSteps.quarantineRecords(output.rejected(), runId));
                            silver[0] = output;
                            return output.stepCounts();
                        });
        new DqResults(lake).record(runId, Optional.empty(), silver[0].results());
        long repeated = silver[0].results().stream()
                .filter(r -> r.expectation().equals("attributes_unique"))
                .mapToLong(r -> r.rowsFailed())
                .sum();
        long loaded =
                results.stream().filter(r -> r.status() == FileStatus.LOADED).count();
        return new Report(
                runId,
                path.toString(),
                loaded,
                results.size() - loaded,
                results.stream().mapToLong(FileIngestResult::rows).sum(),
                results.stream().mapToLong(FileIngestResult::quarantined).sum(),
                silver[0].rowsOut(),
                silver[0].quarantined(),
                SilverSteps.quarantinedByExpectation(silver[0].results()),
                repeated);
    }
}
