package io.shoplake.cli;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.config.ConfigException;
import io.shoplake.config.ShoplakeConfig;
import io.shoplake.console.Output;
import io.shoplake.lakehouse.LakeSettings;
import io.shoplake.scheduler.CronSchedule;
import io.shoplake.scheduler.LakeScheduleHistory;
import io.shoplake.scheduler.Scheduler;
import io.shoplake.scheduler.SchedulerLock;
import io.shoplake.scheduler.Sleeper;
import io.shoplake.scheduler.SlotRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake schedule list|run}: the built-in scheduler over the {@code schedules:} of shoplake.yaml. */
@Command(
        name = "schedule",
        mixinStandardHelpOptions = true,
        description = "Run shoplake commands on cron schedules (the `schedules:` of shoplake.yaml); history in "
                + "ops.schedule_runs and ops.runs.",
        subcommands = {ScheduleCommand.ListSchedules.class, ScheduleCommand.RunSchedules.class})
final class ScheduleCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (list, run)");
    }

    /** The configured schedules, each checked (a bad cron or zone is a config error naming the file). */
    static List<CronSchedule> schedules(ShoplakeConfig config) {
        try {
            return config.schedules().stream().map(CronSchedule::of).toList();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.origin() + ": " + e.getMessage());
        }
    }

    static Scheduler scheduler(Workspace workspace, CommonOptions common, PrintWriter out, PrintWriter err) {
        Clock clock = Clock.systemUTC();
        return new Scheduler(
                schedules(workspace.config()),
                new InProcessCommandRunner(workspace.settings().display(), common.config(), out, err),
                new LakeScheduleHistory(workspace.lake()),
                clock,
                Sleeper.of(clock));
    }

    /** {@code schedule list}. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Each schedule with its cron expression, command, last succeeded slot and next run (UTC).")
    static final class ListSchedules implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Mixin
        JsonOption output;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace workspace = Workspace.of(common)) {
                if (workspace.config().schedules().isEmpty()) {
                    schedules(workspace.config());
                    out.println("no schedules (add `schedules:` to shoplake.yaml; see docs/scheduling.md)");
                    return ExitCode.OK;
                }
                List<Scheduler.Upcoming> upcoming = scheduler(
                                workspace, common, out, spec.commandLine().getErr())
                        .upcoming();
                output.print(
                        out,
                        upcoming,
                        (o, rows) -> Output.table(
                                o,
                                List.of("schedule", "cron", "command", "last_succeeded", "next_run"),
                                rows.stream()
                                        .map(u -> List.of(
                                                u.name(),
                                                u.cron(),
                                                u.command(),
                                                u.lastSucceeded()
                                                        .map(Instant::toString)
                                                        .orElse(""),
                                                u.nextRun()
                                                        .map(Instant::toString)
                                                        .orElse("")))
                                        .toList()));
                return ExitCode.OK;
            }
        }
    }

    /** {@code schedule run [--once]}. */
    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = "Catch up every slot missed since the last run (failed slots are retried), then keep "
                    + "running each schedule on time until stopped; with --once, catch up and exit.")
    static final class RunSchedules implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(
                names = "--once",
                description = "Run the due slots and exit (for crontab or Airflow); exit 1 when one failed.")
        boolean once;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Workspace workspace = Workspace.of(common)) {
                if (workspace.config().schedules().isEmpty()) {
                    out.println("no schedules (add `schedules:` to shoplake.yaml; see docs/scheduling.md)");
                    return ExitCode.OK;
                }
                Scheduler scheduler = scheduler(workspace, common, out, err);
                try (SchedulerLock lock = lock(workspace)) {
                    boolean[] failed = new boolean[1];
                    if (once) {
                        List<SlotRun> ran = scheduler.catchUp(run -> report(out, run, failed));
                        out.println("schedule run --once: " + ran.size() + " slot(s) run");
                        return failed[0] ? ExitCode.RUN_FAILED : ExitCode.OK;
                    }
                    out.println("scheduler started ("
                            + workspace.config().schedules().size() + " schedules); stop it with Ctrl-C");
                    out.flush();
                    scheduler.run(() -> true, run -> report(out, run, failed));
                    return ExitCode.OK;
                }
            }
        }

        private static SchedulerLock lock(Workspace workspace) {
            try {
                return SchedulerLock.acquire(lockDirectory(workspace.settings()));
            } catch (IllegalStateException e) {
                throw new RunFailedException(e.getMessage());
            }
        }

        /**
         * The lake's state folder; for a lake that is not on this machine (hdfs://, s3a://) a folder in the
         * temporary directory named after the lake, so schedulers on this machine still exclude each other.
         */
        private static Path lockDirectory(LakeSettings settings) {
            return settings.localDirectory()
                    .map(directory -> directory.resolve("state"))
                    .orElseGet(() -> Path.of(
                            System.getProperty("java.io.tmpdir"),
                            "shoplake-scheduler-"
                                    + Integer.toHexString(settings.location().hashCode())));
        }

        private static void report(PrintWriter out, SlotRun run, boolean[] failed) {
            failed[0] |= !run.succeeded();
            out.println("schedule " + run.schedule() + " slot " + run.slot() + ": "
                    + (run.succeeded() ? "succeeded" : "FAILED (" + run.error().orElse("") + ")") + " in "
                    + java.time.Duration.between(run.startedAt(), run.endedAt()).toSeconds() + " s");
            out.flush();
        }
    }
}
