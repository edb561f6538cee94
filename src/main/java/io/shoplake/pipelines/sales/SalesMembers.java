package io.shoplake.pipelines.sales;

import static org.apache.spark.sql.functions.col;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.TableId;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.spark.sql.Row;

/** Reads the first members of {@code gold.members} (a table of the memberships pipeline, read by name). */
public final class SalesMembers {

    public static final TableId MEMBERS = TableId.gold("members");

    private SalesMembers() {}

    /** The first {@code count} members in (membership id, email) order: only those reach the driver. */
    public static List<SalesData.Member> first(Lakehouse lake, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("--members must be at least 1, was: " + count);
        }
        return lake.read(MEMBERS).orderBy(col("membership_id"), col("email")).limit(count).collectAsList().stream()
                .map(SalesMembers::member)
                .toList();
    }

    private static SalesData.Member member(Row row) {
        return new SalesData.Member(
                row.getAs("membership_id"),
                row.getAs("email"),
                row.getAs("first_name"),
                row.getAs("last_name"),
                LocalDate.parse(row.<String>getAs("date_of_birth"), DateTimeFormatter.BASIC_ISO_DATE),
                row.getAs("mobile_no"));
    }
}
