package io.shoplake.pipelines.memberships;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import io.shoplake.lakehouse.TableId;
import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code silver.applications}: one row per application received (per bronze row), as received ({@code raw_*}),
 * formatted (names split, birthday as {@code YYYYMMDD}, mobile digits), with {@code above_18}, {@code successful},
 * every {@code reason} and, when successful, the {@code membership_id}. Key: {@code source_file, source_line}.
 */
public final class SilverApplications {

    public static final TableId BRONZE = TableId.bronze("applications");
    public static final TableId TABLE = TableId.silver("applications");

    /** The columns every application file must have. */
    public static final List<String> COLUMNS = List.of("name", "email", "date_of_birth", "mobile_no");

    public static final StructType SCHEMA = new StructType()
            .add("source_file", DataTypes.StringType, false)
            .add("source_line", DataTypes.LongType, false)
            .add("ingest_run_id", DataTypes.StringType, false)
            .add("raw_name", DataTypes.StringType, true)
            .add("raw_email", DataTypes.StringType, true)
            .add("raw_date_of_birth", DataTypes.StringType, true)
            .add("raw_mobile_no", DataTypes.StringType, true)
            .add("first_name", DataTypes.StringType, true)
            .add("middle_names", DataTypes.StringType, true)
            .add("last_name", DataTypes.StringType, true)
            .add("email", DataTypes.StringType, true)
            .add("date_of_birth", DataTypes.StringType, true)
            .add("birth_date", DataTypes.DateType, true)
            .add("mobile_no", DataTypes.StringType, true)
            .add("above_18", DataTypes.BooleanType, true)
            .add("membership_id", DataTypes.StringType, true)
            .add("successful", DataTypes.BooleanType, false)
            .add("reasons", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("as_of", DataTypes.DateType, false);

    private SilverApplications() {}

    /** Validates and formats every bronze application as of {@code asOf}; one output row per input row. */
    public static Dataset<Row> transform(Dataset<Row> bronze, LocalDate asOf) {
        requireNonNull(asOf, "asOf is null");
        return bronze.select(
                        col("_source"),
                        col("_line"),
                        col("_run_id"),
                        col("name"),
                        col("email"),
                        col("date_of_birth"),
                        col("mobile_no"))
                .map(new Check(asOf), Encoders.row(SCHEMA));
    }

    /** The per-row check; a named class so Spark ships only the as-of date. */
    private static final class Check implements MapFunction<Row, Row>, Serializable {
        private final LocalDate asOf;

        Check(LocalDate asOf) {
            this.asOf = asOf;
        }

        @Override
        public Row call(Row in) {
            String name = in.getString(3);
            String email = in.getString(4);
            String dateOfBirth = in.getString(5);
            String mobile = in.getString(6);
            CheckedApplication checked = CheckedApplication.check(name, email, dateOfBirth, mobile, asOf);
            return RowFactory.create(
                    in.getString(0),
                    in.getLong(1),
                    in.getString(2),
                    name,
                    email,
                    dateOfBirth,
                    mobile,
                    checked.name().map(PersonName::firstName).orElse(null),
                    checked.name().map(PersonName::middleNames).orElse(null),
                    checked.name().map(PersonName::lastName).orElse(null),
                    email,
                    checked.birthday()
                            .map(d -> d.format(ApplicationRules.YYYYMMDD))
                            .orElse(null),
                    checked.birthday().map(Date::valueOf).orElse(null),
                    checked.mobileNo(),
                    checked.above18().orElse(null),
                    checked.membershipId().orElse(null),
                    checked.successful(),
                    checked.reasons().stream().map(Reason::code).toArray(String[]::new),
                    Date.valueOf(asOf));
        }
    }
}
