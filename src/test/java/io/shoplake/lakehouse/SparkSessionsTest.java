package io.shoplake.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoplake.testing.TestSpark;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which settings a session gets for a master, and which catalog name a lake gets in a session. */
class SparkSessionsTest {

    private static final Path WAREHOUSE = Path.of("/data/tmp/spark-wh");

    @TempDir
    Path dir;

    /** The settings every master gets, written out by hand. */
    private static Map<String, String> everywhere() {
        Map<String, String> expected = new TreeMap<>();
        expected.put("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
        expected.put("spark.sql.session.timeZone", "UTC");
        expected.put("spark.sql.adaptive.enabled", "true");
        expected.put("spark.ui.showConsoleProgress", "false");
        expected.put(
                "spark.sql.streaming.disabledV2MicroBatchReaders", "org.apache.spark.sql.kafka010.KafkaSourceProvider");
        expected.put("spark.sql.jsonGenerator.ignoreNullFields", "false");
        expected.put("spark.sql.warehouse.dir", "file:///data/tmp/spark-wh");
        return expected;
    }

    private static final String[] LOCAL_MASTERS = {"local", "local[*]", "local[2]", "local[4,3]", " local[*] "};

    private static final String[] CLUSTER_MASTERS = {
        "spark://master:7077", "yarn", "k8s://https://kubernetes:6443", "local-cluster[2,1,1024]", "localhost"
    };

    @Test
    void localMastersGetTheDriverOnLoopbackNoUiAndEightShufflePartitions() {
        Map<String, String> expected = everywhere();
        expected.put("spark.driver.bindAddress", "127.0.0.1");
        expected.put("spark.driver.host", "127.0.0.1");
        expected.put("spark.ui.enabled", "false");
        expected.put("spark.sql.shuffle.partitions", "8");

        for (String master : LOCAL_MASTERS) {
            assertThat(SparkSessions.settings(master, OptionalInt.empty(), WAREHOUSE))
                    .as(master)
                    .isEqualTo(expected);
        }
    }

    @Test
    void aConfiguredShufflePartitionCountAppliesOnEveryMaster() {
        for (String master : LOCAL_MASTERS) {
            assertThat(SparkSessions.settings(master, OptionalInt.of(4), WAREHOUSE))
                    .as(master)
                    .containsEntry("spark.sql.shuffle.partitions", "4");
        }
        for (String master : CLUSTER_MASTERS) {
            assertThat(SparkSessions.settings(master, OptionalInt.of(200), WAREHOUSE))
                    .as(master)
                    .containsEntry("spark.sql.shuffle.partitions", "200");
        }
    }

    @Test
    void clusterMastersLeaveTheDriverAddressUiAndShufflePartitionsToSpark() {
        for (String master : CLUSTER_MASTERS) {
            assertThat(SparkSessions.settings(master, OptionalInt.empty(), WAREHOUSE))
                    .as(master)
                    .isEqualTo(everywhere());
        }
    }

    @Test
    void shufflePartitionsMustBePositive() {
        assertThatThrownBy(() -> SparkSessions.settings("local[2]", OptionalInt.of(0), WAREHOUSE))
                .hasMessage("shuffle partitions must be at least 1, was: 0");
    }

    @Test
    void theMasterIsTheCommandLinesThenShoplakeYamlsThenSparkSubmitsThenLocal() {
        Optional<String> cli = Optional.of("spark://cli:7077");
        Optional<String> yaml = Optional.of("spark://yaml:7077");
        Optional<String> submit = Optional.of("yarn");
        Optional<String> none = Optional.empty();

        assertThat(SparkSessions.master(cli, yaml, submit)).isEqualTo("spark://cli:7077");
        assertThat(SparkSessions.master(cli, none, none)).isEqualTo("spark://cli:7077");
        assertThat(SparkSessions.master(none, yaml, submit)).isEqualTo("spark://yaml:7077");
        assertThat(SparkSessions.master(none, none, submit)).isEqualTo("yarn");
        assertThat(SparkSessions.master(none, none, none)).isEqualTo("local[*]");
        assertThat(SparkSessions.master(Optional.of(" "), none, submit)).isEqualTo("yarn");
    }

    @Test
    void theTestSessionKeepsSparksOwnWarehouseOutOfTheWorkingDirectory() {
        Path warehouse = Path.of(java.net
                .URI
                .create(TestSpark.spark().conf().get("spark.sql.warehouse.dir"))
                .getPath());

        assertThat(warehouse.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(warehouse.getFileName().toString()).startsWith("shoplake-spark-warehouse-");
    }

    @Test
    void aSessionNamesItsFirstLakeLakeAndEachOtherFolderItsOwnCatalog() {
        // A new session of the shared context: its own runtime settings, so no lake is registered in it yet.
        SparkSession session = TestSpark.spark().newSession();
        LakeSettings a = LakeSettings.folder(dir.resolve("a"));
        LakeSettings b = LakeSettings.folder(dir.resolve("b"));

        assertThat(SparkSessions.catalogFor(session, a)).isEqualTo("lake");
        assertThat(SparkSessions.catalogFor(session, b)).isEqualTo("lake_2");
        assertThat(SparkSessions.catalogFor(session, a)).isEqualTo("lake");
        assertThat(SparkSessions.catalogFor(session, b)).isEqualTo("lake_2");
        assertThat(session.conf().get("spark.sql.catalog.lake_2.warehouse"))
                .isEqualTo("file://" + dir.resolve("b/warehouse").toAbsolutePath());
    }
}
