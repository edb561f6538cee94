package io.shoplake.bench;

import io.shoplake.lakehouse.JobPhase;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Layer;
import io.shoplake.lakehouse.TableId;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

/**
 * Where a benchmark's time goes: Spark jobs and their time per {@link JobPhase} label (a Spark listener), and each
 * phase's wall time (JobPhase's debug log, caught through java.util.logging).
 */
final class PhaseProfile extends SparkListener {

    private final Map<Integer, long[]> running = new ConcurrentHashMap<>();
    private final Map<Integer, String> phases = new ConcurrentHashMap<>();
    private final Map<String, long[]> jobs = new ConcurrentHashMap<>();
    private final Map<String, long[]> walls = new ConcurrentHashMap<>();
    private final Logger logger = Logger.getLogger(JobPhase.class.getName());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            int colon = message.lastIndexOf(": ");
            if (colon < 0 || !message.endsWith(" ms")) {
                return;
            }
            long ms = Long.parseLong(message.substring(colon + 2, message.length() - 3));
            long[] wall = walls.computeIfAbsent(message.substring(0, colon), k -> new long[2]);
            synchronized (wall) {
                wall[0]++;
                wall[1] += ms;
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    static PhaseProfile attach(SparkSession spark) {
        PhaseProfile profile = new PhaseProfile();
        spark.sparkContext().addSparkListener(profile);
        profile.logger.setLevel(Level.FINE);
        profile.logger.addHandler(profile.handler);
        return profile;
    }

    void reset() {
        jobs.clear();
        walls.clear();
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        String phase = start.properties() == null ? null : start.properties().getProperty(JobPhase.PROPERTY);
        phases.put(start.jobId(), phase == null ? "(unlabelled)" : phase);
        running.put(start.jobId(), new long[] {start.time()});
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd end) {
        long[] began = running.remove(end.jobId());
        String phase = phases.remove(end.jobId());
        if (began == null || phase == null) {
            return;
        }
        long[] sum = jobs.computeIfAbsent(phase, k -> new long[2]);
        synchronized (sum) {
            sum[0]++;
            sum[1] += end.time() - began[0];
        }
    }

    /** Prints one line per phase: wall seconds, calls, Spark jobs and their seconds; then totals. */
    void print(String title, double totalSeconds, int files) {
        System.out.printf("%n%s (%.1f s in all)%n", title, totalSeconds);
        System.out.printf("  %-36s %9s %6s %6s %9s%n", "phase", "wall s", "calls", "jobs", "job s");
        Map<String, Boolean> names = new TreeMap<>();
        walls.keySet().forEach(n -> names.put(n, true));
        jobs.keySet().forEach(n -> names.put(n, true));
        long allJobs = 0;
        for (String name : names.keySet()) {
            long[] wall = walls.getOrDefault(name, new long[2]);
            long[] job = jobs.getOrDefault(name, new long[2]);
            allJobs += job[0];
            System.out.printf("  %-36s %9.1f %6d %6d %9.1f%n", name, wall[1] / 1e3, wall[0], job[0], job[1] / 1e3);
        }
        System.out.printf(
                "  %d Spark jobs%s%n",
                allJobs, files > 0 ? String.format(" (%.1f per file)", allJobs / (double) files) : "");
    }

    /** Iceberg commits (snapshots) in every table of the lake, by table, and their total. */
    static long commits(Lakehouse lake) {
        long total = 0;
        Map<String, Long> byTable = new TreeMap<>();
        for (Layer layer : Layer.values()) {
            for (TableId table : lake.tables(layer)) {
                long n = lake.spark()
                        .sql("SELECT count(*) FROM " + lake.sqlName(table) + ".snapshots")
                        .first()
                        .getLong(0);
                byTable.put(table.toString(), n);
                total += n;
            }
        }
        System.out.println("  Iceberg commits by table: " + byTable);
        return total;
    }
}
