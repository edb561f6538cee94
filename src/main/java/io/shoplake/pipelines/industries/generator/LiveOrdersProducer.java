package io.shoplake.pipelines.industries.generator;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends generated orders to a Kafka topic at a steady rate (orders per second) for a duration, or until the
 * generator runs out. Each record's timestamp is its send time, so consumers can measure produce-to-store latency.
 */
public final class LiveOrdersProducer {

    private final String bootstrap;
    private final String topic;
    private final double rate;
    private final Duration duration;

    public LiveOrdersProducer(String bootstrap, String topic, double rate, Duration duration) {
        this.bootstrap = requireNonNull(bootstrap, "bootstrap is null");
        this.topic = requireNonNull(topic, "topic is null");
        this.duration = requireNonNull(duration, "duration is null");
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate must be positive, was: " + rate);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, was: " + duration);
        }
        this.rate = rate;
    }

    /** Sends; {@code progress} hears the running count about once a second. Returns the number sent. */
    public long send(Iterable<String> orders, LongConsumer progress) {
        long sent = 0;
        long started = System.nanoTime();
        long end = started + duration.toNanos();
        long lastReport = started;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.LINGER_MS_CONFIG,
                "5",
                ProducerConfig.ACKS_CONFIG,
                "all"))) {
            Iterator<String> it = orders.iterator();
            while (it.hasNext()) {
                long due = started + (long) (sent * 1_000_000_000L / rate);
                long now = System.nanoTime();
                if (due >= end || now >= end) {
                    break;
                }
                if (due > now) {
                    sleepNanos(due - now);
                }
                producer.send(new ProducerRecord<>(topic, it.next()));
                sent++;
                if (System.nanoTime() - lastReport >= 1_000_000_000L) {
                    lastReport = System.nanoTime();
                    progress.accept(sent);
                }
            }
            producer.flush();
        }
        return sent;
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing", e);
        }
    }
}
