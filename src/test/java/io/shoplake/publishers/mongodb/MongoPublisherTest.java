package io.shoplake.publishers.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.shoplake.services.EmbeddedMongo;
import io.shoplake.testing.TestSpark;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the in-process Mongo wire-protocol server ({@link EmbeddedMongo}), a fresh one per test. */
class MongoPublisherTest {

    private static final StructType SCHEMA = new StructType()
            .add("customer_id", DataTypes.StringType)
            .add("as_of", DataTypes.DateType)
            .add("p_order_in_horizon", DataTypes.DoubleType)
            .add("predicted_next_order_date", DataTypes.DateType);
    private static final LocalDate AS_OF = LocalDate.of(2024, 3, 31);

    @TempDir
    Path directory;

    private EmbeddedMongo server;
    private String uri;

    @BeforeEach
    void start() {
        server = EmbeddedMongo.start(directory, 0);
        uri = server.url();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void insertRerunAndShrinkLeaveExactlyTheCurrentList() {
        MongoPublisher.Target target = new MongoPublisher.Target(uri, "shoplake", "next_order_predictions");

        MongoPublisher.Result first = MongoPublisher.publish(rows("c1", "c2", "c3"), target, AS_OF, "run-1");
        assertThat(first).isEqualTo(new MongoPublisher.Result(3, 3, 0, 3));
        assertThat(documents())
                .containsExactly(
                        "c1 2024-03-31 run-1 0.9 2024-04-02",
                        "c2 2024-03-31 run-1 0.8 2024-04-02",
                        "c3 2024-03-31 run-1 0.7 null");

        MongoPublisher.Result rerun = MongoPublisher.publish(rows("c1", "c2", "c3"), target, AS_OF, "run-2");
        assertThat(rerun).isEqualTo(new MongoPublisher.Result(3, 0, 0, 3));
        assertThat(documents())
                .containsExactly(
                        "c1 2024-03-31 run-2 0.9 2024-04-02",
                        "c2 2024-03-31 run-2 0.8 2024-04-02",
                        "c3 2024-03-31 run-2 0.7 null");

        MongoPublisher.Result shrunk = MongoPublisher.publish(rows("c1", "c3"), target, AS_OF, "run-3");
        assertThat(shrunk).isEqualTo(new MongoPublisher.Result(2, 0, 1, 2));
        assertThat(documents()).containsExactly("c1 2024-03-31 run-3 0.9 2024-04-02", "c3 2024-03-31 run-3 0.7 null");
    }

    @Test
    void otherAsOfDatesAreLeftAlone() {
        MongoPublisher.Target target = new MongoPublisher.Target(uri, "shoplake", "next_order_predictions");
        MongoPublisher.publish(rows("c1"), target, AS_OF.minusDays(1), "run-1");
        MongoPublisher.publish(rows("c2"), target, AS_OF, "run-2");
        MongoPublisher.publish(rows(), target, AS_OF, "run-3");

        assertThat(documents()).containsExactly("c1 2024-03-30 run-1 0.9 2024-04-02");
    }

    @Test
    void rejectsANonMongoUriWithoutShowingThePassword() {
        assertThatThrownBy(() -> new MongoPublisher.Target("http://user:secret@host", "d", "c"))
                .hasMessage("MongoDB URI must start with mongodb:// or mongodb+srv://, was: http://user:***@host");
    }

    private Dataset<Row> rows(String... customers) {
        List<Row> rows = new ArrayList<>();
        for (String customer : customers) {
            double p = customer.equals("c1") ? 0.9 : customer.equals("c2") ? 0.8 : 0.7;
            rows.add(RowFactory.create(
                    customer, Date.valueOf(AS_OF), p, customer.equals("c3") ? null : Date.valueOf("2024-04-02")));
        }
        return TestSpark.spark().createDataFrame(rows, SCHEMA).repartition(2);
    }

    private List<String> documents() {
        List<String> lines = new ArrayList<>();
        try (MongoClient client = MongoClients.create(uri)) {
            for (Document d : client.getDatabase("shoplake")
                    .getCollection("next_order_predictions")
                    .find(Filters.empty())
                    .sort(Sorts.ascending("as_of", "customer_id"))) {
                lines.add(d.get("customer_id") + " " + d.get("as_of") + " " + d.get("run_id") + " "
                        + d.get("p_order_in_horizon") + " " + d.get("predicted_next_order_date"));
            }
        }
        return lines;
    }
}
