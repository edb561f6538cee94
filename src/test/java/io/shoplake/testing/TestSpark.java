package io.shoplake.testing;

import io.shoplake.lakehouse.LakeSettings;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.SparkSessions;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** One local SparkSession per test JVM (start-up costs seconds), and a fresh lake per test on demand. */
public final class TestSpark {

    private static SparkSession session;

    private TestSpark() {}

    /** The shared session; recreated when a CLI test's Workspace stopped it. */
    public static synchronized SparkSession spark() {
        if (session == null || session.sparkContext().isStopped()) {
            session = SparkSessions.create("local[2]", 2, false);
        }
        return session;
    }

    /**
     * A lake in {@code directory}; the session gives each lake folder its own catalog name (as for the CLI), so
     * tests never see each other's tables.
     */
    public static Lakehouse freshLake(Path directory) {
        return new Lakehouse(spark(), LakeSettings.folder(directory));
    }
}
