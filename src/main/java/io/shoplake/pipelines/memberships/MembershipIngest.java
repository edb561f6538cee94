package io.shoplake.pipelines.memberships;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.StepCounts;
import io.shoplake.quality.Action;
import io.shoplake.quality.DqResults;
import io.shoplake.quality.ExpectationResult;
import io.shoplake.sources.files.FileFormat;
import io.shoplake.sources.files.FileIngest;
import io.shoplake.sources.files.FileIngestRequest;
import io.shoplake.sources.files.FileIngestResult;
import io.shoplake.sources.files.FileStatus;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code ingest applications}: every application file not loaded before into {@code bronze.applications} (each file
 * once, by content), then {@code silver.applications} rebuilt from all of bronze as of the as-of date, the successful
 * ones merged into {@code gold.members}, membership-id clashes recorded as a warning in {@code ops.dq_results}, and
 * the run's new rows exported to {@code <out>/successful/<run>.csv} and {@code <out>/unsuccessful/<run>.csv}.
 */
public final class MembershipIngest {

    /** The as-of date when none is given. */
    public static final LocalDate DEFAULT_AS_OF = LocalDate.of(2022, 1, 1);

    static final String JOB = "ingest applications";

    static final String CLASH_EXPECTATION = "membership_id held by one member only";

    /**
     * What one run did.
     *
     * @param unusableFiles files skipped because they cannot be read as applications (e.g. a wrong header), with why
     * @param newRows rows the newly loaded files brought (exported: successful + unsuccessful + unparsable)
     * @param clashes membership ids held by more than one member, after the merge
     * @param exports the two CSV files written; empty when the run brought no new rows
     */
    public record Report(
            String runId,
            LocalDate asOf,
            long filesLoaded,
            long filesAlreadyLoaded,
            List<String> unusableFiles,
            long newRows,
            long newSuccessful,
            long newUnsuccessful,
            long newUnparsable,
            long applications,
            long members,
            List<String> clashes,
            List<URI> exports) {
        public Report {
            unusableFiles = List.copyOf(unusableFiles);
            clashes = List.copyOf(clashes);
            exports = List.copyOf(exports);
        }
    }

    private final Lakehouse lake;
    private final RunLedger runs;

    public MembershipIngest(Lakehouse lake) {
        this.lake = requireNonNull(lake, "lake is null");
        this.runs = new RunLedger(lake);
    }

    /** The default export folder: {@code <lake>/exports/memberships}. */
    public static Path defaultOut(Path lakeDirectory) {
        return lakeDirectory.resolve("exports").resolve("memberships");
    }

    /** Runs the whole ingest; see the class comment. */
    public Report run(Path from, Path out, LocalDate asOf, String runId) {
        requireNonNull(out, "out is null");
        requireNonNull(asOf, "asOf is null");
        FileIngestRequest request = FileIngestRequest.of(from, SilverApplications.BRONZE, FileFormat.CSV, runId, JOB)
                .withRequiredColumns(SilverApplications.COLUMNS);
        List<FileIngestResult> files = new FileIngest(lake).ingest(request);
        List<String> unusable = files.stream()
                .filter(f -> f.status() == FileStatus.UNUSABLE)
                .map(f -> f.path() + ": " + f.message().orElse(""))
                .toList();
        long loaded =
                files.stream().filter(f -> f.status() == FileStatus.LOADED).count();
        long already = files.stream()
                .filter(f -> f.status() == FileStatus.ALREADY_LOADED)
                .count();
        if (!lake.exists(SilverApplications.BRONZE)) {
            return new Report(runId, asOf, loaded, already, unusable, 0, 0, 0, 0, 0, 0, List.of(), List.of());
        }
        long applications = buildSilver(asOf, runId);
        List<String> clashes = mergeMembers(asOf, runId);
        Dataset<Row> newApplications =
                lake.read(SilverApplications.TABLE).where(col("ingest_run_id").equalTo(runId));
        Dataset<Row> newUnparsable = new Quarantine(lake)
                .of(SilverApplications.BRONZE)
                .where(col("run_id").equalTo(runId));
        long successful = newApplications.where(col("successful")).count();
        long unsuccessful = newApplications.count() - successful;
        long unparsable = newUnparsable.count();
        long newRows = successful + unsuccessful + unparsable;
        List<URI> exports = newRows == 0 ? List.of() : export(newApplications, newUnparsable, out, runId, newRows);
        return new Report(
                runId,
                asOf,
                loaded,
                already,
                unusable,
                newRows,
                successful,
                unsuccessful,
                unparsable,
                applications,
                lake.read(GoldMembers.TABLE).count(),
                clashes,
                exports);
    }

    private long buildSilver(LocalDate asOf, String runId) {
        long[] rows = new long[1];
        runs.step(
                runId,
                JOB,
                "build " + SilverApplications.TABLE,
                Optional.of(asOf),
                List.of(SilverApplications.BRONZE),
                List.of(SilverApplications.TABLE),
                () -> {
                    Dataset<Row> bronze = lake.read(SilverApplications.BRONZE);
                    lake.replace(SilverApplications.TABLE, SilverApplications.transform(bronze, asOf));
                    long in = bronze.count();
                    rows[0] = lake.read(SilverApplications.TABLE).count();
                    return new StepCounts(in, rows[0], 0);
                });
        return rows[0];
    }

    private List<String> mergeMembers(LocalDate asOf, String runId) {
        @SuppressWarnings("unchecked")
        List<String>[] clashes = new List[1];
        runs.step(
                runId,
                JOB,
                "merge " + GoldMembers.TABLE,
                Optional.of(asOf),
                List.of(SilverApplications.TABLE),
                List.of(GoldMembers.TABLE),
                () -> {
                    Dataset<Row> members = GoldMembers.members(lake.read(SilverApplications.TABLE));
                    long in = members.count();
                    lake.merge(GoldMembers.TABLE, members, GoldMembers.KEYS);
                    Dataset<Row> all = lake.read(GoldMembers.TABLE);
                    List<Row> clashing = GoldMembers.clashes(all).collectAsList();
                    clashes[0] = clashing.stream().map(r -> r.getString(0)).toList();
                    long clashingMembers =
                            clashing.stream().mapToLong(r -> r.getLong(1)).sum();
                    long total = all.count();
                    new DqResults(lake)
                            .record(
                                    runId,
                                    Optional.of(asOf),
                                    List.of(new ExpectationResult(
                                            GoldMembers.TABLE.toString(),
                                            CLASH_EXPECTATION,
                                            Action.WARN,
                                            total,
                                            clashingMembers,
                                            clashes[0].isEmpty()
                                                    ? Optional.empty()
                                                    : Optional.of(clashes[0].size() + " ids shared: "
                                                            + String.join(
                                                                    ", ",
                                                                    clashes[0].subList(
                                                                            0, Math.min(10, clashes[0].size())))))));
                    return new StepCounts(in, in, 0);
                });
        return clashes[0];
    }

    private List<URI> export(Dataset<Row> applications, Dataset<Row> unparsable, Path out, String runId, long newRows) {
        URI[] written = new URI[2];
        runs.step(runId, JOB, "export " + out, Optional.empty(), List.of(SilverApplications.TABLE), List.of(), () -> {
            written[0] = ApplicationExports.writeCsv(
                    ApplicationExports.successful(applications),
                    out.resolve("successful").toUri(),
                    runId);
            written[1] = ApplicationExports.writeCsv(
                    ApplicationExports.unsuccessful(applications, unparsable),
                    out.resolve("unsuccessful").toUri(),
                    runId);
            return new StepCounts(newRows, newRows, 0);
        });
        return List.of(written[0], written[1]);
    }
}
