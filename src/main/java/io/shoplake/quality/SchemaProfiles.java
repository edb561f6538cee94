package io.shoplake.quality;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.TableId;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code ops.schema_profiles}: the fields (and their types) each delivery of a source had, by table and day; what
 * {@link SchemaDrift} compares a new delivery with.
 */
public final class SchemaProfiles {

    public static final TableId TABLE = TableId.ops("schema_profiles");

    static final StructType SCHEMA = new StructType()
            .add("table_name", DataTypes.StringType, false)
            .add("as_of", DataTypes.DateType, false)
            .add("field", DataTypes.StringType, false)
            .add("field_type", DataTypes.StringType, false)
            .add("run_id", DataTypes.StringType, false);

    private final Lakehouse lake;

    public SchemaProfiles(Lakehouse lake) {
        this.lake = requireNonNull(lake, "lake is null");
    }

    /** Records the fields of {@code table}'s delivery of {@code asOf}, replacing an earlier run's for that day. */
    public void record(TableId table, LocalDate asOf, String runId, Map<String, String> fields) {
        if (lake.exists(TABLE)) {
            lake.sql("DELETE FROM " + lake.sqlName(TABLE) + " WHERE table_name = '" + table + "' AND as_of = DATE '"
                    + asOf + "'");
        }
        List<Row> rows = fields.entrySet().stream()
                .map(e -> RowFactory.create(table.toString(), Date.valueOf(asOf), e.getKey(), e.getValue(), runId))
                .toList();
        lake.append(TABLE, lake.spark().createDataFrame(rows, SCHEMA));
    }

    /** The fields of the latest delivery before {@code asOf}; empty when there is none. */
    public Optional<Map<String, String>> before(TableId table, LocalDate asOf) {
        if (!lake.exists(TABLE)) {
            return Optional.empty();
        }
        var mine = lake.read(TABLE)
                .where(col("table_name")
                        .equalTo(lit(table.toString()))
                        .and(col("as_of").lt(lit(Date.valueOf(asOf)))));
        Row latest = mine.agg(max("as_of")).first();
        if (latest.isNullAt(0)) {
            return Optional.empty();
        }
        Map<String, String> fields = new TreeMap<>();
        mine.where(col("as_of").equalTo(lit(latest.getDate(0))))
                .collectAsList()
                .forEach(row -> fields.put(
                        row.getString(row.fieldIndex("field")), row.getString(row.fieldIndex("field_type"))));
        return Optional.of(fields);
    }
}
