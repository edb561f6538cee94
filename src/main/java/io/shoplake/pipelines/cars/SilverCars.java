package io.shoplake.pipelines.cars;

import static org.apache.spark.sql.functions.col;

import io.shoplake.lakehouse.TableId;
import io.shoplake.quality.Expectation;
import io.shoplake.quality.ExpectationSuite;
import io.shoplake.quality.QualityResult;
import io.shoplake.quality.Rules;
import io.shoplake.quality.SilverOutput;
import io.shoplake.quality.SilverSteps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code silver.cars}: one row per car of the evaluation data, the seven columns as text, each one of its allowed
 * values ({@link CarAttributes}). Quarantined: a missing value, or a value outside the allowed ones (the reason names
 * the column and the value). Warned, not quarantined: the same six attributes (all but {@code class}) on more than
 * one row, which the original data never has. Nothing is deduplicated: each bronze row is one car.
 */
public final class SilverCars {

    public static final TableId BRONZE = TableId.bronze("cars");
    public static final TableId TABLE = TableId.silver("cars");

    public static final StructType SCHEMA = schema();

    private SilverCars() {}

    private static StructType schema() {
        StructType schema = new StructType();
        for (String name : CarAttributes.names()) {
            schema = schema.add(name, DataTypes.StringType, false);
        }
        return schema;
    }

    /** Per column: present and allowed (quarantine); and the attribute combination once (warn). */
    public static ExpectationSuite expectations() {
        List<Expectation> expectations = new ArrayList<>();
        for (CarAttribute attribute : CarAttributes.ALL) {
            expectations.add(Expectation.quarantine(attribute.name() + "_present", Rules.notNull(attribute.name())));
            expectations.add(Expectation.quarantine(
                    attribute.name() + "_allowed",
                    Rules.allowedValues(attribute.name(), Set.copyOf(attribute.values()))));
        }
        expectations.add(Expectation.warn(
                "attributes_unique",
                Rules.unique(CarAttributes.featuresFor(CarAttributes.CLASS).stream()
                        .map(CarAttribute::name)
                        .toArray(String[]::new))));
        return new ExpectationSuite(TABLE.toString(), expectations);
    }

    /** Bronze cars (text, columns named as in the file) to silver cars; pure: no table is read or written. */
    public static SilverOutput transform(Dataset<Row> bronze) {
        Map<String, String> names = new LinkedHashMap<>();
        CarAttributes.names().forEach(name -> names.put(name, name));
        Dataset<Row> cleaned = SilverSteps.clean(BRONZE, bronze, names);
        QualityResult quality = expectations().check(cleaned);
        Dataset<Row> typed = quality.valid()
                .select(CarAttributes.names().stream().map(n -> col(n)).toArray(Column[]::new));
        return new SilverOutput(
                TABLE,
                typed,
                quality.rejected(),
                quality.validCount() + quality.rejectedCount(),
                quality.validCount(),
                0,
                quality.rejectedCount(),
                quality.results());
    }
}
