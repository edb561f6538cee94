package io.shoplake.cli.flyers;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.cli.Main;
import io.shoplake.testing.CliTestSupport;
import io.shoplake.testing.CliTestSupport.CliResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ingest events, run and report flyer-engagement through the real CLI on a temporary lake. */
class FlyerEngagementCommandsTest {

    @TempDir
    Path dir;

    @Test
    void ingestRunAndReportADropOfEvents() throws Exception {
        Path drop = Files.createDirectories(dir.resolve("drop"));
        // Two users; a junk flyer id, a bad timestamp, an unknown event type and a file that is not events.
        Files.writeString(drop.resolve("day.csv"), """
                timestamp,user_id,event,flyer_id,merchant_id
                2018-10-01T10:00:00-04:00,a,flyer_open,1,101
                2018-10-01T10:00:30-04:00,a,item_open,1,101
                2018-10-01T10:01:30-04:00,a,list_flyers,,
                2018-10-01T11:00:00-04:00,b,flyer_open,%3Cnull%3G,NULL
                2018-10-01T11:00:00-04:00,b,flyer_open,2,102
                2018-10-01T11:00:20-04:00,b,favorite,,102
                yesterday,b,flyer_open,2,102
                2018-10-01T11:00:40-04:00,b,flyer_share,2,102
                """);
        Files.writeString(drop.resolve("more.jsonl"), """
                {"timestamp":"2018-10-01T12:00:00-04:00","user_id":"b","event":"flyer_open","flyer_id":2,"merchant_id":102}
                {"timestamp":"2018-10-01T12:00:10-04:00","user_id":"b","event":"list_flyers","flyer_id":null,"merchant_id":null}
                """);
        Files.writeString(drop.resolve("notes.txt"), "not events");
        String lake = dir.resolve("lake").toString();

        CliResult ingest = CliTestSupport.run("ingest", "events", "--from", drop.toString(), "--lake", lake);
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        // 10 rows in bronze; 2 quarantined (timestamp, event type); 8 typed (the junk-id open stays, flyer null).
        assertThat(ingest.out())
                .contains("ignored: notes.txt")
                .contains("silver.events: 10 read, 8 added, 0 already present, 2 quarantined");
        CliResult again = CliTestSupport.run("ingest", "events", "--from", drop.toString(), "--lake", lake);
        assertThat(again.out()).contains("ALREADY_LOADED").contains("silver.events: 0 read, 0 added");

        CliResult run = CliTestSupport.run("run", "flyer-engagement", "--json", "--lake", lake);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"from\" : \"2018-10-01\"").contains("\"events\" : 8");

        // a: f1 30s + 60s (item -> list) = 2 views, 90s on merchant 101.
        // b: the junk open is dropped; f2 11:00:00 -> favorite (20s); 12:00:00 -> list (10s) = 2 views, 30s.
        CliResult report = CliTestSupport.run("report", "flyer-engagement", "--json", "--lake", lake);
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out().replaceAll("\\s", ""))
                .isEqualTo("[{\"merchant_id\":101,\"date\":\"2018-10-01\","
                        + "\"flyers\":1,\"users\":1,\"views\":2,\"total_seconds\":90.00,\"avg_seconds_per_user\":90.0},"
                        + "{\"merchant_id\":102,\"date\":\"2018-10-01\",\"flyers\":1,\"users\":1,\"views\":2,"
                        + "\"total_seconds\":30.00,\"avg_seconds_per_user\":30.0}]");

        CliResult merchant = CliTestSupport.run("report", "flyer-engagement", "--merchant", "102", "--lake", lake);
        assertThat(merchant.out())
                .contains("flyer engagement on 2018-10-01 for merchant 102")
                .contains("(1 row)");

        // next-view: a: f1 -> item (30s); b: 11:00:00 -> 12:00:00 is 1h: not a view. Only merchant 101 remains.
        CliResult nextView = CliTestSupport.run(
                "run", "flyer-engagement", "--date", "2018-10-01", "--view-ends-at", "next-view", "--lake", lake);
        assertThat(nextView.exitCode()).as(nextView.err()).isZero();
        CliResult after = CliTestSupport.run("report", "flyer-engagement", "--json", "--lake", lake);
        assertThat(after.out().replaceAll("\\s", ""))
                .isEqualTo(
                        "[{\"merchant_id\":101,\"date\":\"2018-10-01\","
                                + "\"flyers\":1,\"users\":1,\"views\":1,\"total_seconds\":30.00,\"avg_seconds_per_user\":30.0}]");
    }

    @Test
    void badFlagsAreUsageErrorsOnOneLine() {
        String lake = dir.resolve("lake").toString();
        CliResult gap = CliTestSupport.run("run", "flyer-engagement", "--max-gap", "30 minutes", "--lake", lake);
        assertThat(gap.exitCode()).isEqualTo(Main.USAGE);
        assertThat(gap.err().strip())
                .isEqualTo(
                        "error: duration must be a whole number followed by s, m or h (e.g. 7600s, 30m, 2h), was: 30 minutes");
        CliResult range = CliTestSupport.run(
                "run", "flyer-engagement", "--from", "2018-10-02", "--to", "2018-10-01", "--lake", lake);
        assertThat(range.exitCode()).isEqualTo(Main.USAGE);
        CliResult missing = CliTestSupport.run("run", "flyer-engagement", "--lake", lake);
        assertThat(missing.exitCode()).isEqualTo(Main.RUN_FAILED);
        assertThat(missing.err().strip()).startsWith("error: silver.events does not exist");
    }
}
