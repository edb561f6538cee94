package io.shoplake.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.shoplake.testing.TestServices;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each embedded server really serves its protocol; MariaDB keeps its data across a restart. */
class EmbeddedServersTest {

    @TempDir
    Path dir;

    @Test
    void mariaDbServesSqlAndKeepsDataAcrossRestart() throws Exception {
        long started = System.nanoTime();
        int port;
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(dir.resolve("mariadb"), 0)) {
            System.out.printf("mariadb first start: %d ms%n", (System.nanoTime() - started) / 1_000_000);
            port = db.port();
            assertThat(db.url()).isEqualTo("jdbc:mysql://127.0.0.1:" + port + "/shoplake");
            assertThat(db.processIds()).hasSize(1);
            assertThat(ProcessHandle.of(db.processIds().get(0)).map(ProcessHandle::isAlive))
                    .contains(true);
            try (Connection connection = db.connect("shoplake");
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))");
                statement.execute("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
            }
        }
        started = System.nanoTime();
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(dir.resolve("mariadb"), 0)) {
            System.out.printf("mariadb restart: %d ms%n", (System.nanoTime() - started) / 1_000_000);
            try (Connection connection = db.connect("shoplake");
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COUNT(*), MAX(name) FROM t")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(2);
                assertThat(rows.getString(2)).isEqualTo("b");
            }
        }
    }

    @Test
    void servicesStartTogetherAndStopTogether() throws Exception {
        long mariadbd;
        try (Services services = Services.start(java.util.EnumSet.of(ServiceKind.MARIADB, ServiceKind.MONGODB), dir)) {
            assertThat(services.kinds()).containsExactly(ServiceKind.MARIADB, ServiceKind.MONGODB);
            assertThat(services.url(ServiceKind.MARIADB))
                    .isEqualTo(services.mariaDb().url());
            assertThat(services.url(ServiceKind.MONGODB)).startsWith("mongodb://127.0.0.1:");
            assertThat(services.mariaDb().dataDirectory())
                    .isEqualTo(dir.resolve("mariadb").toAbsolutePath());
            mariadbd = services.mariaDb().processIds().get(0);
            try (Connection connection = services.mariaDb().connect("shoplake");
                    ResultSet rows = connection.createStatement().executeQuery("SELECT DATABASE()")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("shoplake");
            }
        }
        assertThat(ProcessHandle.of(mariadbd).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
    }

    @Test
    void postgresServesSql() throws Exception {
        EmbeddedPostgres pg = TestServices.postgres();
        assertThat(pg.url()).isEqualTo("jdbc:postgresql://127.0.0.1:" + pg.port() + "/shoplake");
        assertThat(pg.processIds()).hasSize(1);
        assertThat(ProcessHandle.of(pg.processIds().get(0)).map(ProcessHandle::isAlive))
                .contains(true);
        try (Connection connection = pg.connect("shoplake");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT 40 + 2")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void kafkaRoundTripsARecord() {
        EmbeddedKafka kafka = TestServices.kafka();
        String topic = TestServices.freshTopic();
        {
            kafka.createTopic(topic, 1);
            try (var producer = new KafkaProducer<String, String>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>(topic, "k1", "hello"));
            }
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "t");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                ConsumerRecord<String, String> received = null;
                for (int i = 0; i < 50 && received == null; i++) {
                    var records = consumer.poll(java.time.Duration.ofMillis(200));
                    if (!records.isEmpty()) {
                        received = records.iterator().next();
                    }
                }
                assertThat(received).isNotNull();
                assertThat(received.value()).isEqualTo("hello");
            }
        }
    }

    @Test
    void mongoStoresADocument() {
        try (MongoClient client = MongoClients.create(TestServices.mongo().url())) {
            var collection = client.getDatabase("shoplake").getCollection("c");
            collection.insertOne(new Document("_id", 7).append("name", "x"));
            assertThat(collection.find(new Document("_id", 7)).first().getString("name"))
                    .isEqualTo("x");
        }
    }
}
