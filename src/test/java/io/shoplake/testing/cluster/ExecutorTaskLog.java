package io.shoplake.testing.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Counts finished tasks per executor ({@code <host> <executor id>}) and, when the application ends, writes them to
 * {@code <spark.shoplake.task-log>/<application id>.tsv}: the evidence of where a CLI command's work ran. Spark creates
 * it from {@code spark.extraListeners}.
 */
public final class ExecutorTaskLog extends SparkListener {

    public static final String DIRECTORY_KEY = "spark.shoplake.task-log";

    private final Path directory;
    private final String applicationId;
    private final Map<String, AtomicLong> tasks = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> taskMillis = new ConcurrentHashMap<>();

    public ExecutorTaskLog(SparkConf conf) {
        this.directory = Path.of(conf.get(DIRECTORY_KEY));
        this.applicationId = conf.get("spark.app.id", "app-" + System.nanoTime());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        String executor = end.taskInfo().host() + "\t" + end.taskInfo().executorId();
        tasks.computeIfAbsent(executor, k -> new AtomicLong()).incrementAndGet();
        taskMillis
                .computeIfAbsent(executor, k -> new AtomicLong())
                .addAndGet(end.taskInfo().duration());
    }

    @Override
    public void onApplicationEnd(SparkListenerApplicationEnd end) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(tasks)
                .forEach((executor, count) -> text.append(executor)
                        .append('\t')
                        .append(count.get())
                        .append('\t')
                        .append(taskMillis.get(executor).get())
                        .append('\n'));
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(applicationId.replaceAll("[^A-Za-z0-9_.-]", "_") + ".tsv"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
