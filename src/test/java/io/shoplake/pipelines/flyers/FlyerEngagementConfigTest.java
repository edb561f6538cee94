package io.shoplake.pipelines.flyers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoplake.config.ConfigException;
import io.shoplake.config.ShoplakeConfig;
import io.shoplake.pipelines.flyers.MetricSettings.Attribution;
import io.shoplake.pipelines.flyers.MetricSettings.ViewEnd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code flyer-engagement:} section: defaults, every key, flags over keys, bad values. */
class FlyerEngagementConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsArePinned() {
        FlyerEngagementConfig section =
                ShoplakeConfig.DEFAULT.section(FlyerEngagementConfig.KEY, FlyerEngagementConfig.class);
        assertThat(section.viewEvents()).isEqualTo("flyer_open,item_open");
        assertThat(section.viewEndsAt()).isEqualTo("next-event");
        assertThat(section.attributeTo()).isEqualTo("opened");
        assertThat(section.maxGap()).isEqualTo("30m");
        assertThat(section.closeEvent()).isNull();
        assertThat(section.settings()).isEqualTo(MetricSettings.DEFAULT);
    }

    @Test
    void everyKeyIsReadAndFlagsWin() throws Exception {
        Path file = Files.writeString(dir.resolve("shoplake.yaml"), """
                flyer-engagement:
                  view-events: flyer_open
                  view-ends-at: next-view
                  attribute-to: next
                  max-gap: 7600s
                  close-event: flyer_close
                """);
        MetricSettings fromFile = ShoplakeConfig.load(file)
                .section(FlyerEngagementConfig.KEY, FlyerEngagementConfig.class)
                .settings();
        assertThat(fromFile)
                .isEqualTo(new MetricSettings(
                        List.of("flyer_open"),
                        ViewEnd.NEXT_VIEW,
                        Attribution.NEXT,
                        Duration.ofSeconds(7600),
                        Optional.of("flyer_close")));
        assertThat(fromFile.overriddenBy(null, "next-event", null, "2h", "").describe())
                .isEqualTo(
                        "view-events=flyer_open view-ends-at=next-event attribute-to=next max-gap=2h close-event=none");
    }

    @Test
    void aBadValueNamesTheRuleAndTheValue() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "flyer-engagement:\n  view-ends-at: whenever\n");
        assertThatThrownBy(
                        () -> ShoplakeConfig.load(file).section(FlyerEngagementConfig.KEY, FlyerEngagementConfig.class))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": view-ends-at must be next-event or next-view, was: whenever");
    }
}
