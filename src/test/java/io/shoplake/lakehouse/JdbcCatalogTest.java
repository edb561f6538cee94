package io.shoplake.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.testing.TestServices;
import io.shoplake.testing.TestSpark;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lake with its Iceberg catalog in a real PostgreSQL database instead of folders. */
class JdbcCatalogTest {

    @TempDir
    Path dir;

    @Test
    void tablesAreRegisteredInPostgresAndReadBack() throws Exception {
        String url = TestServices.freshPostgresDatabase();
        LakeSettings settings = new LakeSettings(
                dir, CatalogType.JDBC, Optional.of(url), Optional.of("postgres"), Optional.of("postgres"));
        Lakehouse lake = new Lakehouse(TestSpark.spark(), settings);

        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("name", DataTypes.StringType);
        TableId table = TableId.silver("customers");
        lake.merge(
                table, TestSpark.spark().createDataFrame(List.of(RowFactory.create(1, "ann")), schema), List.of("id"));
        lake.merge(
                table,
                TestSpark.spark()
                        .createDataFrame(List.of(RowFactory.create(1, "anne"), RowFactory.create(2, "bob")), schema),
                List.of("id"));

        assertThat(lake.read(table).orderBy("id").collectAsList())
                .extracting(r -> r.getString(1))
                .containsExactly("anne", "bob");

        List<String> registered = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery("SELECT table_namespace, table_name FROM iceberg_tables ORDER BY 1, 2")) {
            while (rows.next()) {
                registered.add(rows.getString(1) + "." + rows.getString(2));
            }
        }
        assertThat(registered).containsExactly("silver.customers");
    }
}
