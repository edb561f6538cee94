package io.shoplake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoplake.lakehouse.CatalogType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShoplakeConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsArePinned() {
        ShoplakeConfig config = ShoplakeConfig.DEFAULT;
        assertThat(config.lake()).isNull();
        // Unset, so spark-submit's master (else local[*]) and the master's own partition count apply.
        assertThat(config.spark().masterValue()).isEmpty();
        assertThat(config.spark().shufflePartitionsValue()).isEmpty();
        assertThat(config.catalog().catalogType()).isEqualTo(CatalogType.HADOOP);
        assertThat(config.catalog().uri()).isNull();
    }

    @Test
    void everyKeyIsReadInKebabCase() throws Exception {
        Path file = write("""
                lake: /data/lake
                spark:
                  master: spark://host:7077
                  shuffle-partitions: 64
                catalog:
                  type: jdbc
                  uri: jdbc:postgresql://db:5432/iceberg
                  user-env: CAT_USER
                  password-env: CAT_PASSWORD
                  password-file: /run/secrets/cat
                """);
        ShoplakeConfig config = ShoplakeConfig.load(file);
        assertThat(config.lake()).isEqualTo("/data/lake");
        assertThat(config.spark().master()).isEqualTo("spark://host:7077");
        assertThat(config.spark().shufflePartitions()).isEqualTo(64);
        assertThat(config.catalog().catalogType()).isEqualTo(CatalogType.JDBC);
        assertThat(config.catalog().uri()).isEqualTo("jdbc:postgresql://db:5432/iceberg");
        assertThat(config.catalog().userEnv()).isEqualTo("CAT_USER");
        assertThat(config.catalog().passwordEnv()).isEqualTo("CAT_PASSWORD");
        assertThat(config.catalog().passwordFile()).isEqualTo("/run/secrets/cat");
    }

    @Test
    void anEmptyFileMeansDefaults() throws Exception {
        assertThat(ShoplakeConfig.load(write("")).spark().shufflePartitionsValue())
                .isEmpty();
    }

    @Test
    void unknownKeysAreRejectedWithTheirName() throws Exception {
        Path file = write("spark:\n  shuffle-partitons: 4\n");
        assertThatThrownBy(() -> ShoplakeConfig.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'shuffle-partitons'");
    }

    @Test
    void badValuesStateTheRule() throws Exception {
        assertThatThrownBy(() -> ShoplakeConfig.load(write("catalog:\n  type: hive\n")))
                .hasMessageContaining("catalog.type must be hadoop, jdbc or rest, was: hive");
        assertThatThrownBy(() -> ShoplakeConfig.load(write("spark:\n  shuffle-partitions: 0\n")))
                .hasMessageContaining("spark.shuffle-partitions must be at least 1, was: 0");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ShoplakeConfig.load(missing)).hasMessage("config file not found: " + missing);
    }

    private Path write(String yaml) throws Exception {
        Path file = Files.createTempFile(dir, "shoplake", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
