package io.shoplake.sources.files;

import static org.apache.spark.sql.functions.col;

import java.io.DataInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Tuple3;

/**
 * The Spark side of the file ingest: hashing and parsing run in tasks (one per file, streaming), never on the
 * driver, so the same code reads files on a cluster's shared file system.
 */
final class SparkFileParse {

    static final int DATA = 0;
    static final int REJECT = 1;
    static final int BLANK = 2;

    static final String KIND = "_kind";
    static final String LINE = "_line";
    static final String RAW = "_raw";
    static final String REASON = "_reason";
    static final String FIELDS = "_fields";

    private SparkFileParse() {}

    /** A file's location, size and SHA-256, computed in a task. */
    record Fingerprint(String uri, long size, String sha256) {}

    /** Size and SHA-256 of each file, one task per file, in the order given. */
    static List<Fingerprint> fingerprints(SparkSession spark, List<String> uris) {
        if (uris.isEmpty()) {
            return List.of();
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<JavaPairRDD<String, PortableDataStream>> files = new ArrayList<>();
        for (String uri : uris) {
            files.add(context.binaryFiles(uri, 1));
        }
        JavaPairRDD<String, PortableDataStream> all =
                files.size() == 1 ? files.get(0) : context.union(files.toArray(JavaPairRDD[]::new));
        List<Tuple3<Integer, Long, String>> hashed = all.zipWithIndex()
                .map(pair -> {
                    scala.Tuple2<Long, String> print = hash(pair._1()._2());
                    return new Tuple3<>(pair._2().intValue(), print._1(), print._2());
                })
                .collect();
        Fingerprint[] prints = new Fingerprint[uris.size()];
        for (Tuple3<Integer, Long, String> print : hashed) {
            prints[print._1()] = new Fingerprint(uris.get(print._1()), print._2(), print._3());
        }
        return List.of(prints);
    }

    private static scala.Tuple2<Long, String> hash(PortableDataStream stream) throws Exception {
        MessageDigest digest = sha256();
        long size = 0;
        try (DataInputStream in = stream.open()) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
                size += n;
            }
        }
        return new scala.Tuple2<>(size, HexFormat.of().formatHex(digest.digest()));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    /**
     * Parses one file in one task without keeping any record, counting each kind: a cheap pass that tells the write
     * passes what to expect (so written counts reconcile against an independent count) and where they may split.
     */
    static ParseSummary summarise(SparkSession spark, String uri, ParseSpec spec, long chunkBytes) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return context.binaryFiles(uri, 1)
                .values()
                .map(stream -> summarise(stream, spec, chunkBytes))
                .first();
    }

    private static ParseSummary summarise(PortableDataStream stream, ParseSpec spec, long chunkBytes)
            throws java.io.IOException {
        try (DataInputStream in = stream.open()) {
            return ParseSummary.of(in, spec, chunkBytes);
        }
    }

    /** Rows of the parse: kind, line, raw text and reason of rejects, then one string column per field. */
    static StructType schema(ParseSpec spec, int columnCount) {
        StructType schema = new StructType()
                .add(KIND, DataTypes.IntegerType, false)
                .add(LINE, DataTypes.LongType, false)
                .add(RAW, DataTypes.StringType, true)
                .add(REASON, DataTypes.StringType, true);
        if (spec.format() == FileFormat.JSON_LINES) {
            return schema.add(FIELDS, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true), true);
        }
        for (int i = 0; i < columnCount; i++) {
            schema = schema.add(valueColumn(i), DataTypes.StringType, true);
        }
        return schema;
    }

    static String valueColumn(int index) {
        return "v" + index;
    }

    /** Parses a file's chunks, one task each, streaming: parse and write run in parallel without a shuffle. */
    static Dataset<Row> parse(SparkSession spark, String uri, ParseSpec spec, List<Chunk> chunks, int columnCount) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int width = spec.format() == FileFormat.JSON_LINES ? 5 : 4 + columnCount;
        JavaRDD<InternalRow> rows =
                context.parallelize(chunks, chunks.size()).flatMap(chunk -> records(uri, chunk, spec, width));
        // Spark's internal rows straight from the parsed bytes, as Spark's own file sources make them: the public
        // createDataFrame(RDD<Row>) would decode every field to a Java string and encode it back (a fifth of the
        // ingest's time on a 10 M-row file). Every session shoplake makes is a classic (not a Connect) session.
        return ((org.apache.spark.sql.classic.SparkSession) spark)
                .internalCreateDataFrame(rows.rdd(), schema(spec, columnCount), false);
    }

    /** Rejects the counting pass kept, as parse rows (kind, line, raw text, reason). */
    static Dataset<Row> rejects(SparkSession spark, List<ParseSummary.Reject> rejects) {
        StructType schema = new StructType()
                .add(KIND, DataTypes.IntegerType, false)
                .add(LINE, DataTypes.LongType, false)
                .add(RAW, DataTypes.StringType, true)
                .add(REASON, DataTypes.StringType, true);
        List<Row> rows = new ArrayList<>(rejects.size());
        for (ParseSummary.Reject reject : rejects) {
            rows.add(RowFactory.create(REJECT, reject.line(), reject.raw(), reject.reason()));
        }
        return spark.createDataFrame(rows, schema);
    }

    private static Iterator<InternalRow> records(String uri, Chunk chunk, ParseSpec spec, int width)
            throws java.io.IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(java.net.URI.create(uri));
        // Executors read with their own Hadoop configuration (core-site.xml on a cluster).
        org.apache.hadoop.fs.FSDataInputStream in =
                path.getFileSystem(new org.apache.hadoop.conf.Configuration()).open(path, 1 << 16);
        RecordParser parser;
        try {
            in.seek(chunk.offset());
            parser = FileParser.open(in, spec, FileParser.MAX_RECORD_BYTES, chunk);
        } catch (RuntimeException | java.io.IOException e) {
            in.close();
            throw e;
        }
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) context -> parser.close());
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return parser.hasNext();
            }

            @Override
            public InternalRow next() {
                return row(parser.next(), width);
            }
        };
    }

    private static InternalRow row(ParsedRecord record, int width) {
        Object[] values = new Object[width];
        values[1] = record.line();
        switch (record.kind()) {
            case DATA -> {
                values[0] = DATA;
                if (record.named() != null) {
                    values[4] = map(record.named());
                } else if (record.values() instanceof Utf8Fields fields) {
                    byte[] bytes = fields.bytes();
                    for (int i = 0; i < fields.size(); i++) {
                        values[4 + i] = UTF8String.fromBytes(bytes, fields.start(i), fields.end(i) - fields.start(i));
                    }
                } else {
                    List<String> fields = record.values();
                    for (int i = 0; i < fields.size(); i++) {
                        values[4 + i] = UTF8String.fromString(fields.get(i));
                    }
                }
            }
            case REJECT -> {
                values[0] = REJECT;
                values[2] = UTF8String.fromString(record.raw());
                values[3] = UTF8String.fromString(record.reason());
            }
            case BLANK -> values[0] = BLANK;
        }
        return new GenericInternalRow(values);
    }

    private static MapData map(java.util.Map<String, String> named) {
        Object[] keys = new Object[named.size()];
        Object[] values = new Object[named.size()];
        int i = 0;
        for (java.util.Map.Entry<String, String> entry : named.entrySet()) {
            keys[i] = UTF8String.fromString(entry.getKey());
            values[i++] = UTF8String.fromString(entry.getValue());
        }
        return new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(values));
    }

    static Dataset<Row> ofKind(Dataset<Row> parsed, int kind) {
        return parsed.where(col(KIND).equalTo(kind));
    }
}
