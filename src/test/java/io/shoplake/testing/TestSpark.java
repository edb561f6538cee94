package io.shoplake.testing;

import io.shoplake.lake.LakeSettings;
import io.shoplake.lake.Lakehouse;
import io.shoplake.lake.SparkSessions;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;

/** One local SparkSession per test JVM (start-up costs seconds), and a fresh lake per test on demand. */
public final class TestSpark {

    private static final AtomicInteger CATALOGS = new AtomicInteger();

    private TestSpark() {
    }

    private static final class Holder {
        static final SparkSession SPARK = SparkSessions.create("local[2]", 2, false);
    }

    public static SparkSession spark() {
        return Holder.SPARK;
    }

    /** A lake in {@code directory} under its own catalog name, so tests never see each other's tables. */
    public static Lakehouse freshLake(Path directory) {
        return new Lakehouse(spark(), "lake_" + CATALOGS.incrementAndGet(), LakeSettings.folder(directory));
    }
}
