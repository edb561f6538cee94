package io.shoplake.pipelines.industries;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Customers drops (CSV, each file once by content hash) into {@code bronze.industry_customers}, then MERGEd by
 * customer_id into {@code silver.industry_customers} (the drop loaded last wins) and rebuilt into
 * {@code silver.industry_customer_industries}. Misspelt industries within reach of one reference industry are
 * corrected and recorded in {@code ops.dq_results} as warnings; other unknown values are quarantined, the customer
 * keeps its other industries.
 */
public final class CustomersIngest {

    public static final String JOB = "ingest-industry-customers";
    static final StructType INDUSTRY = new StructType().add("industry", DataTypes.StringType, false);

    private final Lakehouse lake;

    /** What one ingest did. */
    public record Result(
            String runId,
            List<FileIngestResult> files,
            ReferenceIndustries reference,
            long rowsIn,
            long customersMerged,
            long superseded,
            long customersQuarantined,
            long industriesKept,
            long industriesCorrected,
            long industriesQuarantined,
            List<String> corrections) {
        public Result {
            requireNonNull(runId, "runId is null");
            files = List.copyOf(files);
            requireNonNull(reference, "reference is null");
            corrections = List.copyOf(corrections);
        }
    }

    public CustomersIngest(Lakehouse lake) {
        this.lake = requireNonNull(lake, "lake is null");
    }

    /** The reference list in the lake ({@code silver.industries}), else the default ten. */
    public static ReferenceIndustries reference(Lakehouse lake) {
        if (!lake.exists(IndustryTables.INDUSTRIES)) {
            return ReferenceIndustries.DEFAULT;
        }
        List<String> names = lake.read(IndustryTables.INDUSTRIES).collectAsList().stream()
                .map(r -> r.getString(0))
                .sorted()
                .toList();
        return names.isEmpty() ? ReferenceIndustries.DEFAULT : new ReferenceIndustries(names);
    }

    /**
     * Ingests a file or folder. With {@code industries} the reference list is replaced by it; without, the list in
     * the lake (or the default ten) is used.
     */
    public Result ingest(Path from, Optional<ReferenceIndustries> industries, String runId) {
        ReferenceIndustries reference = industries.orElseGet(() -> reference(lake));
        if (industries.isPresent() || !lake.exists(IndustryTables.INDUSTRIES)) {
            List<Row> rows =
                    reference.names().stream().map(n -> RowFactory.create(n)).toList();
            lake.replace(IndustryTables.INDUSTRIES, lake.spark().createDataFrame(rows, INDUSTRY));
        }
        List<FileIngestResult> files = new FileIngest(lake)
                .ingest(FileIngestRequest.of(from, IndustryTables.BRONZE_CUSTOMERS, FileFormat.CSV, runId, JOB)
                        .withRequiredColumns(CustomersSilver.SOURCE_COLUMNS));
        boolean loaded = files.stream().anyMatch(f -> f.status() == FileStatus.LOADED && f.rows() > 0);
        if (!loaded) {
            return new Result(runId, files, reference, 0, 0, 0, 0, 0, 0, 0, List.of());
        }
        long[] counts = new long[7];
        List<String> corrections = new ArrayList<>();
        new RunLedger(lake)
                .step(
                        runId,
                        JOB,
                        "silver",
                        Optional.empty(),
                        List.of(IndustryTables.BRONZE_CUSTOMERS),
                        List.of(IndustryTables.CUSTOMERS, IndustryTables.CUSTOMER_INDUSTRIES),
                        () -> {
                            Dataset<Row> bronze = lake.read(IndustryTables.BRONZE_CUSTOMERS)
                                    .where(col("_run_id").equalTo(lit(runId)));
                            CustomersSilver.Conformed conformed = new CustomersSilver(reference).conform(bronze, runId);
                            Dataset<Row> customers = conformed.customers().persist(StorageLevel.MEMORY_AND_DISK());
                            try {
                                counts[0] = bronze.count();
                                counts[1] = customers.count();
                                counts[2] = conformed.superseded().count();
                                counts[3] = conformed.rejectedCustomers().count();
                                long[] written = write(conformed, customers);
                                counts[4] = written[1];
                                counts[6] = written[0];
                                List<Row> fixed =
                                        conformed.corrections().orderBy("value").collectAsList();
                                long values = counts[6] + counts[4];
                                List<ExpectationResult> warnings = new ArrayList<>();
                                for (Row fix : fixed) {
                                    long rows = fix.getLong(2);
                                    counts[5] += rows;
                                    String text = "'" + fix.getString(0) + "' -> '" + fix.getString(1) + "'";
                                    corrections.add(text + " (" + rows + (rows == 1 ? " row)" : " rows)"));
                                    warnings.add(new ExpectationResult(
                                            IndustryTables.CUSTOMER_INDUSTRIES.toString(),
                                            "industry in the reference list (corrected " + text + ")",
                                            Action.WARN,
                                            Math.max(values, rows),
                                            rows,
                                            Optional.of("corrected " + text + " within " + ReferenceIndustries.MAX_EDITS
                                                    + " edits")));
                                }
                                new DqResults(lake).record(runId, Optional.empty(), warnings);
                                return new StepCounts(counts[0], counts[1] + counts[2], counts[3]);
                            } finally {
                                customers.unpersist();
                            }
                        });
        return new Result(
                runId,
                files,
                reference,
                counts[0],
                counts[1],
                counts[2],
                counts[3],
                counts[6],
                counts[5],
                counts[4],
                corrections);
    }

    /** Writes silver and quarantine; returns the industry values kept and quarantined. */
    private long[] write(CustomersSilver.Conformed conformed, Dataset<Row> customers) {
        Quarantine quarantine = new Quarantine(lake);
        Dataset<Row> rejected = conformed.rejectedCustomers().persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> unknown = conformed.unknownIndustries().persist(StorageLevel.MEMORY_AND_DISK());
        try {
            if (!rejected.isEmpty()) {
                quarantine.append(IndustryTables.CUSTOMERS, rejected);
            }
            long unknownCount = unknown.count();
            if (unknownCount > 0) {
                quarantine.append(IndustryTables.CUSTOMER_INDUSTRIES, unknown);
            }
            lake.merge(IndustryTables.CUSTOMERS, customers, List.of("customer_id"));
            // The customer-industry pairs follow silver.industry_customers: rebuilt whole, so a customer whose
            // industries changed in a later drop loses the old ones (customer lists are small).
            Dataset<Row> all = lake.read(IndustryTables.CUSTOMERS);
            lake.replace(
                    IndustryTables.CUSTOMER_INDUSTRIES,
                    CustomersSilver.customerIndustries(all).localCheckpoint());
            long kept = customers
                    .select(org.apache.spark.sql.functions.explode(col("industries")))
                    .count();
            return new long[] {kept, unknownCount};
        } finally {
            rejected.unpersist();
            unknown.unpersist();
        }
    }
}
