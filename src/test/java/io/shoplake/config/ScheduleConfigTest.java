package io.shoplake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code schedules:} platform key: its fields, defaults and errors. */
class ScheduleConfigTest {

    @TempDir
    Path dir;

    @Test
    void schedulesAreReadWithTheirDefaults() throws Exception {
        ShoplakeConfig config = load("""
                schedules:
                  - name: applications
                    cron: "0 * * * *"
                    command: ingest applications --from in
                  - name: sg-morning
                    cron: "0 9 * * *"
                    command: tables
                    time-zone: Asia/Singapore
                """);
        assertThat(config.schedules())
                .containsExactly(
                        new ShoplakeConfig.Schedule(
                                "applications", "0 * * * *", "ingest applications --from in", "UTC"),
                        new ShoplakeConfig.Schedule("sg-morning", "0 9 * * *", "tables", "Asia/Singapore"));
        assertThat(ShoplakeConfig.DEFAULT.schedules()).isEqualTo(List.of());
        assertThat(load("lake: x\n").schedules()).isEmpty();
    }

    @Test
    void badSchedulesNameTheFileAndTheRule() throws Exception {
        assertThatThrownBy(() -> load("""
                        schedules:
                          - {name: a, cron: "0 * * * *", command: tables}
                          - {name: a, cron: "5 * * * *", command: tables}
                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("shoplake.yaml") + ": schedule names must be unique, 'a' repeats");
        assertThatThrownBy(() -> load("schedules:\n  - {name: a, command: tables}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("schedules[a].cron is required");
        assertThatThrownBy(() -> load("schedules:\n  - {name: a, cron: '* * * * *', command: x, every: 1}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'every'");
    }

    private ShoplakeConfig load(String yaml) throws Exception {
        Path file = dir.resolve("shoplake.yaml");
        Files.writeString(file, yaml);
        return ShoplakeConfig.load(file);
    }
}
