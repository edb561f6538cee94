package io.shoplake.pipelines.memberships;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The CSV files for downstream teams, one pair per run: {@code successful/<run>.csv} and
 * {@code unsuccessful/<run>.csv}. Together they hold every row the run's new files brought, each in exactly one file,
 * in file and line order.
 */
public final class ApplicationExports {

    private ApplicationExports() {}

    /** membership_id, first_name, last_name, email, date_of_birth (YYYYMMDD), mobile_no (8 digits), above_18. */
    public static Dataset<Row> successful(Dataset<Row> applications) {
        return applications
                .where(col("successful"))
                .orderBy(col("source_file"), col("source_line"))
                .select(
                        col("membership_id"),
                        col("first_name"),
                        col("last_name"),
                        col("email"),
                        col("date_of_birth"),
                        col("mobile_no"),
                        col("above_18"));
    }

    /**
     * The original four fields plus every reason, {@code ;}-separated. Records that could not even be read as CSV
     * ({@code unparsable}: rows of the bronze quarantine) come last, their fields empty and their raw text in the
     * reason.
     */
    public static Dataset<Row> unsuccessful(Dataset<Row> applications, Dataset<Row> unparsable) {
        Dataset<Row> failed = applications
                .where(col("successful").equalTo(false))
                .select(
                        col("source_file"),
                        col("source_line"),
                        col("raw_name").as("name"),
                        col("raw_email").as("email"),
                        col("raw_date_of_birth").as("date_of_birth"),
                        col("raw_mobile_no").as("mobile_no"),
                        array_join(col("reasons"), ";").as("reasons"));
        Dataset<Row> broken = unparsable.select(
                col("source").as("source_file"),
                col("line").as("source_line"),
                lit(null).cast(DataTypes.StringType).as("name"),
                lit(null).cast(DataTypes.StringType).as("email"),
                lit(null).cast(DataTypes.StringType).as("date_of_birth"),
                lit(null).cast(DataTypes.StringType).as("mobile_no"),
                concat(lit("unparsable_record: "), col("reason"), lit(": "), col("raw_record"))
                        .as("reasons"));
        return failed.unionByName(broken)
                .orderBy(col("source_file"), col("source_line"))
                .drop("source_file", "source_line");
    }

    /**
     * Writes {@code rows} as one RFC 4180 CSV file with a header at {@code folder/<name>.csv} (any Hadoop file
     * system); Spark writes a part file into a hidden folder beside it, which is then renamed.
     */
    public static URI writeCsv(Dataset<Row> rows, URI folder, String name) {
        Path target = new Path(new Path(folder), name + ".csv");
        Path staging = new Path(new Path(folder), "_" + name + ".staging");
        rows.coalesce(1)
                .write()
                .mode("overwrite")
                .option("header", "true")
                .option("escape", "\"")
                .csv(staging.toString());
        try {
            FileSystem fs =
                    staging.getFileSystem(rows.sparkSession().sparkContext().hadoopConfiguration());
            FileStatus part = null;
            for (FileStatus file : fs.listStatus(staging)) {
                if (file.getPath().getName().startsWith("part-")) {
                    part = file;
                }
            }
            fs.delete(target, false);
            if (part == null || part.getLen() == 0) {
                // No rows: Spark may write no part file, or one without a header; the file still gets its header.
                try (var out = fs.create(target, true)) {
                    out.write((String.join(",", rows.columns()) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            } else if (!fs.rename(part.getPath(), target)) {
                throw new IOException("cannot rename " + part.getPath() + " to " + target);
            }
            fs.delete(staging, true);
            // A checksummed file system may have moved or written a hidden .crc beside it: the export is the CSV alone.
            fs.delete(new Path(target.getParent(), "." + target.getName() + ".crc"), false);
            return target.toUri();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
