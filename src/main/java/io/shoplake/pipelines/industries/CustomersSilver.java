package io.shoplake.pipelines.industries;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode_outer;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;

import io.shoplake.lakehouse.Quarantine;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Types a customers drop for {@code silver.industry_customers} (one row per customer_id; within a drop the last line
 * of a customer wins) and matches each of its {@code ;}-separated industries to the reference list. Pure: the caller
 * reads bronze and writes the results.
 */
public final class CustomersSilver {

    /** The customers file's columns. */
    public static final List<String> SOURCE_COLUMNS = List.of("customer_id", "company_name", "specialized_industries");

    static final StructType MATCHES = new StructType()
            .add("value", DataTypes.StringType, false)
            .add("industry", DataTypes.StringType, true)
            .add("corrected", DataTypes.BooleanType, false)
            .add("reason", DataTypes.StringType, true);

    /**
     * A drop, typed.
     *
     * @param customers one row per customer_id: customer_id, company_name, industries (sorted reference names),
     *     specialized_industries (as received), _source, _line, _run_id
     * @param rejectedCustomers quarantine rows for lines without a customer_id
     * @param unknownIndustries quarantine rows, one per industry value no reference industry stands for
     * @param corrections one row per corrected value: value, industry, rows
     * @param superseded lines replaced by a later line of the same customer in the same drop
     */
    public record Conformed(
            Dataset<Row> customers,
            Dataset<Row> rejectedCustomers,
            Dataset<Row> unknownIndustries,
            Dataset<Row> corrections,
            Dataset<Row> superseded) {
        public Conformed {
            requireNonNull(customers, "customers is null");
            requireNonNull(rejectedCustomers, "rejectedCustomers is null");
            requireNonNull(unknownIndustries, "unknownIndustries is null");
            requireNonNull(corrections, "corrections is null");
            requireNonNull(superseded, "superseded is null");
        }
    }

    private final ReferenceIndustries reference;

    public CustomersSilver(ReferenceIndustries reference) {
        this.reference = requireNonNull(reference, "reference is null");
    }

    /** Types bronze rows ({@link #SOURCE_COLUMNS} as text plus {@code _source}, {@code _line}). */
    public Conformed conform(Dataset<Row> bronze, String runId) {
        Column raw = to_json(struct(col("customer_id"), col("company_name"), col("specialized_industries")));
        Dataset<Row> typed = bronze.select(
                trim(col("customer_id")).as("customer_id"),
                trim(col("company_name")).as("company_name"),
                col("specialized_industries"),
                col("_source"),
                col("_line").cast(DataTypes.LongType).as("_line"),
                raw.as("raw_record"));
        Column missingId = col("customer_id").isNull().or(col("customer_id").equalTo(""));
        Dataset<Row> rejectedCustomers = Quarantine.records(
                typed.where(missingId),
                col("_source"),
                col("_line"),
                col("raw_record"),
                lit("missing customer_id"),
                runId);
        Dataset<Row> ranked = typed.where(missingId.unary_$bang())
                .withColumn(
                        "copy",
                        row_number()
                                .over(Window.partitionBy("customer_id")
                                        .orderBy(
                                                col("_source").desc(),
                                                col("_line").desc())));
        Dataset<Row> latest = ranked.where(col("copy").equalTo(1)).drop("copy");
        Dataset<Row> superseded = ranked.where(col("copy").gt(1)).drop("copy");

        Dataset<Row> values = latest.select(
                        col("customer_id"),
                        col("_source"),
                        col("_line"),
                        col("raw_record"),
                        posexplode_outer(split(coalesce(col("specialized_industries"), lit("")), ";")))
                .withColumn("value", trim(col("col")))
                .where(col("value").notEqual(""));
        Dataset<Row> matches = matches(bronze.sparkSession(), values);
        Dataset<Row> matched = values.join(matches, "value");
        Dataset<Row> known = matched.where(col("industry").isNotNull())
                .groupBy("customer_id")
                .agg(array_sort(collect_set(col("industry"))).as("industries"));
        Dataset<Row> customers = latest.join(known, new String[] {"customer_id"}, "left")
                .select(
                        col("customer_id"),
                        col("company_name"),
                        coalesce(col("industries"), lit(new String[0])).as("industries"),
                        col("specialized_industries"),
                        col("_source"),
                        col("_line"),
                        lit(runId).as("_run_id"));
        Dataset<Row> unknown = Quarantine.records(
                matched.where(col("industry").isNull()),
                col("_source"),
                col("_line"),
                col("raw_record"),
                col("reason"),
                runId);
        Dataset<Row> corrections = matched.where(col("corrected"))
                .groupBy("value", "industry")
                .count()
                .withColumnRenamed("count", "rows");
        return new Conformed(customers, rejectedCustomers, unknown, corrections, superseded);
    }

    /** One row per customer and industry, from silver customers. */
    public static Dataset<Row> customerIndustries(Dataset<Row> customers) {
        return customers
                .select(col("customer_id"), explode(col("industries")).as("industry"))
                .distinct();
    }

    /** The reference match of every distinct value (a short list: it is matched on the driver). */
    private Dataset<Row> matches(SparkSession spark, Dataset<Row> values) {
        List<Row> rows = new ArrayList<>();
        for (Row row : values.select("value").distinct().collectAsList()) {
            ReferenceIndustries.Match match = reference.match(row.getString(0));
            rows.add(RowFactory.create(
                    row.getString(0),
                    match.industry().orElse(null),
                    match.corrected(),
                    match.reason().orElse(null)));
        }
        return spark.createDataFrame(rows, MATCHES);
    }
}
