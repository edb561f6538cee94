package io.shoplake.publishers.mongodb;

import static java.util.Objects.requireNonNull;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.result.DeleteResult;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.bson.Document;

/**
 * Publishes keyed rows to a MongoDB collection idempotently: each row is upserted by (customer_id, as_of) with the run
 * id, from the executors in bulk writes; then documents of that as-of date written by another run (no longer on the
 * list) are deleted, so a re-run leaves the same collection. Dates are stored as ISO strings (yyyy-MM-dd).
 */
public final class MongoPublisher {

    private static final int BATCH = 1000;

    /** Where to publish. */
    public record Target(String uri, String database, String collection) implements Serializable {
        public static final String DEFAULT_DATABASE = "shoplake";
        public static final String DEFAULT_COLLECTION = "next_order_predictions";

        public Target {
            requireNonNull(uri, "uri is null");
            requireNonNull(database, "database is null");
            requireNonNull(collection, "collection is null");
            if (!uri.startsWith("mongodb://") && !uri.startsWith("mongodb+srv://")) {
                throw new IllegalArgumentException(
                        "MongoDB URI must start with mongodb:// or mongodb+srv://, was: " + redact(uri));
            }
        }

        @Override
        public String toString() {
            return redact(uri) + " " + database + "." + collection;
        }
    }

    /** Counts of one publish: documents written (inserted or replaced) and stale ones deleted. */
    public record Result(long published, long inserted, long deleted, long documentsForAsOf) {}

    private MongoPublisher() {}

    /**
     * Publishes {@code rows} (must have customer_id and as_of columns; every column becomes a field) as the documents
     * of {@code asOf}, replacing what an earlier run published for it.
     */
    public static Result publish(Dataset<Row> rows, Target target, LocalDate asOf, String runId) {
        requireNonNull(rows, "rows is null");
        requireNonNull(target, "target is null");
        requireNonNull(asOf, "asOf is null");
        requireNonNull(runId, "runId is null");
        String day = asOf.toString();
        try (MongoClient client = MongoClients.create(target.uri())) {
            collection(client, target)
                    .createIndex(
                            Indexes.ascending("as_of", "customer_id"),
                            new IndexOptions().unique(true).name("as_of_customer_id"));
        }
        LongAccumulator published = rows.sparkSession().sparkContext().longAccumulator("mongo_published");
        LongAccumulator inserted = rows.sparkSession().sparkContext().longAccumulator("mongo_inserted");
        String[] columns = rows.columns();
        ForeachPartitionFunction<Row> writer = partition -> {
            try (MongoClient client = MongoClients.create(target.uri())) {
                MongoCollection<Document> collection = collection(client, target);
                List<WriteModel<Document>> batch = new ArrayList<>();
                while (partition.hasNext()) {
                    Document document = document(partition.next(), columns, day, runId);
                    batch.add(new ReplaceOneModel<>(
                            Filters.and(
                                    Filters.eq("customer_id", document.get("customer_id")), Filters.eq("as_of", day)),
                            document,
                            new ReplaceOptions().upsert(true)));
                    if (batch.size() == BATCH) {
                        write(collection, batch, published, inserted);
                    }
                }
                write(collection, batch, published, inserted);
            }
        };
        rows.foreachPartition(writer);
        try (MongoClient client = MongoClients.create(target.uri())) {
            MongoCollection<Document> collection = collection(client, target);
            DeleteResult deleted =
                    collection.deleteMany(Filters.and(Filters.eq("as_of", day), Filters.ne("run_id", runId)));
            long remaining = collection.countDocuments(Filters.eq("as_of", day));
            return new Result(published.value(), inserted.value(), deleted.getDeletedCount(), remaining);
        }
    }

    private static void write(
            MongoCollection<Document> collection,
            List<WriteModel<Document>> batch,
            LongAccumulator published,
            LongAccumulator inserted) {
        if (batch.isEmpty()) {
            return;
        }
        var result = collection.bulkWrite(batch, new BulkWriteOptions().ordered(false));
        published.add(batch.size());
        inserted.add(result.getUpserts().size());
        batch.clear();
    }

    static Document document(Row row, String[] columns, String asOf, String runId) {
        Document document = new Document();
        for (int i = 0; i < columns.length; i++) {
            Object value = row.isNullAt(i) ? null : row.get(i);
            if (value instanceof java.sql.Date date) {
                value = date.toLocalDate().toString();
            } else if (value instanceof java.math.BigDecimal decimal) {
                value = decimal.doubleValue();
            } else if (value instanceof java.sql.Timestamp timestamp) {
                value = java.util.Date.from(timestamp.toInstant());
            }
            document.append(columns[i], value);
        }
        document.put("as_of", asOf);
        document.put("run_id", runId);
        return document;
    }

    private static MongoCollection<Document> collection(MongoClient client, Target target) {
        return client.getDatabase(target.database()).getCollection(target.collection());
    }

    /** The URI without its password, for messages. */
    static String redact(String uri) {
        return io.shoplake.lakehouse.MaskedUrls.mask(uri);
    }
}
