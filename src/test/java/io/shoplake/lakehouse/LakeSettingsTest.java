package io.shoplake.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lake is a URI: which forms are accepted and what each becomes. */
class LakeSettingsTest {

    @TempDir
    Path dir;

    @Test
    void aPlainPathIsALocalFolderResolvedAgainstTheWorkingDirectory() {
        String cwd = Path.of("").toAbsolutePath().toString();

        LakeSettings relative = LakeSettings.at("some/../lake");

        assertThat(relative.location()).isEqualTo("file://" + cwd + "/lake");
        assertThat(relative.warehouse()).isEqualTo("file://" + cwd + "/lake/warehouse");
        assertThat(relative.isLocal()).isTrue();
        assertThat(relative.localDirectory()).contains(Path.of(cwd, "lake"));
        assertThat(relative.display()).isEqualTo(cwd + "/lake");
    }

    @Test
    void aFolderAndItsFileUrisAreOneLakeWhetherOrNotTheFolderExists() throws Exception {
        Path lake = dir.resolve("lake");
        String expected = "file://" + lake;
        assertThat(LakeSettings.at(lake.toString()).location()).isEqualTo(expected);
        Files.createDirectories(lake);

        assertThat(LakeSettings.folder(lake).location()).isEqualTo(expected);
        assertThat(LakeSettings.at("file:" + lake).location()).isEqualTo(expected);
        assertThat(LakeSettings.at("file://" + lake + "/").location()).isEqualTo(expected);
        assertThat(LakeSettings.at("file://" + lake + "/./x/..").location()).isEqualTo(expected);
    }

    @Test
    void remoteLakesKeepTheirUriWithoutTrailingSlashes() {
        LakeSettings hdfs = LakeSettings.at("hdfs://namenode:8020/shoplake/");
        LakeSettings s3 = LakeSettings.at("s3a://bucket/lake");

        assertThat(hdfs.location()).isEqualTo("hdfs://namenode:8020/shoplake");
        assertThat(hdfs.warehouse()).isEqualTo("hdfs://namenode:8020/shoplake/warehouse");
        assertThat(hdfs.isLocal()).isFalse();
        assertThat(hdfs.localDirectory()).isEmpty();
        assertThat(hdfs.display()).isEqualTo("hdfs://namenode:8020/shoplake");
        assertThat(s3.warehouse()).isEqualTo("s3a://bucket/lake/warehouse");
    }

    @Test
    void featuresThatNeedALocalFolderSayWhatTheLakeIs() {
        LakeSettings s3 = LakeSettings.at("s3a://bucket/lake");

        assertThatThrownBy(() -> s3.localDirectory("the car model store"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the car model store needs a lake on the local file system, but the lake is "
                        + "s3a://bucket/lake");
        assertThat(LakeSettings.folder(dir).stateDirectory("embedded services")).isEqualTo(dir.resolve("state"));
    }

    @Test
    void malformedLocationsAreRejectedWithTheRule() {
        assertThatThrownBy(() -> LakeSettings.at(" ")).hasMessage("the lake location is empty");
        assertThatThrownBy(() -> LakeSettings.at("file:lake"))
                .hasMessage("a file: lake must be an absolute path (file:///folder), was: file:lake");
        assertThatThrownBy(() -> LakeSettings.at("hdfs://bad host/x"))
                .hasMessage("the lake is not a valid URI: hdfs://bad host/x");
    }

    @Test
    void theJdbcCatalogNeedsItsUri() {
        assertThatThrownBy(() -> new LakeSettings(
                        "hdfs://nn/lake", CatalogType.JDBC, Optional.empty(), Optional.empty(), Optional.empty()))
                .hasMessage("catalog type jdbc needs catalog.uri");
    }
}
