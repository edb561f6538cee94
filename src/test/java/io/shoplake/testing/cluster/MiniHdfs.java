package io.shoplake.testing.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A one-NameNode, one-DataNode HDFS in a JVM of its own. Its classpath is the test classpath without Spark's shaded
 * Hadoop client ({@code target/hdfs-classpath.txt}, written by the build): the HDFS servers need the unshaded Hadoop
 * that, in the test JVM, would clash with the shaded client Spark uses.
 */
public final class MiniHdfs implements AutoCloseable {

    private final ChildJvm jvm;
    private final String uri;

    private MiniHdfs(ChildJvm jvm, String uri) {
        this.jvm = jvm;
        this.uri = uri;
    }

    public static MiniHdfs start(Path work, Duration timeout) {
        Path classpathFile = Path.of("target", "hdfs-classpath.txt");
        Path uriFile = work.resolve("hdfs.uri");
        try {
            String classpath = Path.of("target", "test-classes").toAbsolutePath()
                    + java.io.File.pathSeparator
                    + Files.readString(classpathFile).strip();
            ChildJvm jvm = ChildJvm.start(
                    "hdfs",
                    classpath,
                    "512m",
                    MiniHdfsMain.class.getName(),
                    List.of(work.resolve("hdfs").toString(), uriFile.toString()),
                    Map.of(),
                    work.resolve("logs"));
            Instant deadline = Instant.now().plus(timeout);
            while (!Files.exists(uriFile)) {
                if (!jvm.isAlive() || Instant.now().isAfter(deadline)) {
                    String tail = jvm.logTail(40);
                    jvm.close();
                    throw new IllegalStateException("HDFS did not start within " + timeout + ":\n" + tail);
                }
                Thread.sleep(200);
            }
            return new MiniHdfs(jvm, Files.readString(uriFile).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start HDFS: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting HDFS", e);
        }
    }

    /** The file system's URI, e.g. {@code hdfs://localhost:40123}. */
    public String uri() {
        return uri;
    }

    public long pid() {
        return jvm.pid();
    }

    @Override
    public void close() {
        jvm.close();
    }
}
