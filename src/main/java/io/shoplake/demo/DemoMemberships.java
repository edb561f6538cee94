package io.shoplake.demo;

import static org.apache.spark.sql.functions.col;

import io.shoplake.console.Output;
import io.shoplake.pipelines.memberships.MembershipIngest;
import io.shoplake.pipelines.memberships.SilverApplications;
import io.shoplake.pipelines.memberships.generator.ApplicationsGenerator;
import java.nio.file.Path;

/**
 * The demo's memberships step: two small generated application drops through {@code ingest applications}, the
 * second run seeing only its new file; prints the applications and where the exports went.
 */
final class DemoMemberships {

    private static final int ROWS_PER_FILE = 6;

    private DemoMemberships() {}

    static void ingestApplications(DemoRun run) {
        Path drop = run.settings().lake().resolve("state").resolve("demo").resolve("applications");
        Path out = MembershipIngest.defaultOut(run.settings().lake());
        ApplicationsGenerator.write(
                drop.resolve("applications_0900.csv"),
                ApplicationsGenerator.rows(ROWS_PER_FILE, run.settings().seed()));
        MembershipIngest ingest = new MembershipIngest(run.lake());
        MembershipIngest.Report first =
                ingest.run(drop, out, MembershipIngest.DEFAULT_AS_OF, run.runId() + "-applications-1");
        ApplicationsGenerator.write(
                drop.resolve("applications_1000.csv"),
                ApplicationsGenerator.rows(ROWS_PER_FILE, run.settings().seed() + 1));
        MembershipIngest.Report second =
                ingest.run(drop, out, MembershipIngest.DEFAULT_AS_OF, run.runId() + "-applications-2");
        Output.tableRows(
                run.out(),
                run.lake()
                        .read(SilverApplications.TABLE)
                        .orderBy(col("source_file"), col("source_line"))
                        .selectExpr(
                                "raw_name AS name",
                                "date_of_birth",
                                "mobile_no",
                                "membership_id",
                                "array_join(reasons, ';') AS reasons"));
        for (MembershipIngest.Report report : java.util.List.of(first, second)) {
            run.out()
                    .println("   run " + report.runId() + ": " + report.filesLoaded() + " new file(s), "
                            + report.newSuccessful() + " successful, " + report.newUnsuccessful()
                            + " unsuccessful; exports " + report.exports().size());
        }
        run.out().println("   gold.members: " + second.members() + " members; CSV exports under " + out);
    }
}
