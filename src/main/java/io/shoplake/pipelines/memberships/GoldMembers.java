package io.shoplake.pipelines.memberships;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.row_number;

import io.shoplake.lakehouse.TableId;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * {@code gold.members}: one row per member, keyed by {@code membership_id} and {@code email} (two applicants with
 * the same id but different emails are two members: a clash, kept and reported). Built from the successful
 * applications; an applicant who applied more than once is the latest application (by ingest run, file, line).
 */
public final class GoldMembers {

    public static final TableId TABLE = TableId.gold("members");

    /** The merge key. */
    public static final List<String> KEYS = List.of("membership_id", "email");

    private GoldMembers() {}

    /** The members among {@code applications} (silver rows): successful only, one per key. */
    public static Dataset<Row> members(Dataset<Row> applications) {
        var latestFirst = Window.partitionBy(col("membership_id"), col("email"))
                .orderBy(
                        col("ingest_run_id").desc(),
                        col("source_file").desc(),
                        col("source_line").desc());
        return applications
                .where(col("successful"))
                .withColumn("_rank", row_number().over(latestFirst))
                .where(col("_rank").equalTo(1))
                .select(
                        col("membership_id"),
                        col("email"),
                        col("first_name"),
                        col("middle_names"),
                        col("last_name"),
                        col("date_of_birth"),
                        col("birth_date"),
                        col("mobile_no"),
                        col("above_18"),
                        col("source_file"),
                        col("source_line"));
    }

    /** Membership ids held by more than one member (different emails), with how many members hold each. */
    public static Dataset<Row> clashes(Dataset<Row> members) {
        return members.groupBy(col("membership_id"))
                .agg(count_distinct(col("email")).as("members"))
                .where(col("members").gt(1))
                .orderBy(col("membership_id"));
    }
}
