package io.shoplake.sources.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.TableId;
import io.shoplake.testing.SharedData;
import io.shoplake.testing.TestSpark;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API source against a real local server serving the captured COVID API response. */
class ApiIngestTest {

    private static final String RESPONSE =
            "membership-applications/section4-covid-api-samples/singapore_country_status_confirmed.json";
    private static final TableId TABLE = TableId.bronze("api_covid");

    @TempDir
    Path temp;

    private CovidApiServer server;
    private Lakehouse lake;
    private final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new CovidApiServer(SharedData.require(RESPONSE));
        lake = TestSpark.freshLake(temp.resolve("lake"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ApiIngest ingest() {
        Clock clock = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);
        return new ApiIngest(lake, new RunLedger(lake), clock, line -> {}, duration -> {
            waits.add(duration);
            Thread.sleep(duration.toMillis());
        });
    }

    private ApiRequest request(Optional<ApiRequest.Incremental> incremental, int attempts, Duration timeout) {
        return new ApiRequest(
                URI.create(server.url()),
                "covid",
                Map.of(),
                Optional.empty(),
                Optional.of(new ApiRequest.Paging("page", 1, Optional.of("page_size"), 500)),
                incremental,
                Map.of(),
                new ApiRequest.Retry(attempts, Duration.ofMillis(40), Duration.ofSeconds(5)),
                timeout,
                100);
    }

    private static Optional<ApiRequest.Incremental> window(String until) {
        return Optional.of(
                new ApiRequest.Incremental("from", "Date", Optional.empty(), Optional.of("to"), Optional.of(until)));
    }

    @Test
    void pagesThroughTheWholeResponse() {
        ApiIngest.Result result = ingest().run(request(Optional.empty(), 3, Duration.ofSeconds(5)), "r1");

        // 1,142 records (SOURCE.md) in pages of 500: 500, 500, 142.
        assertThat(result.pages()).isEqualTo(3);
        assertThat(result.loaded()).isEqualTo(1142);
        assertThat(server.queries)
                .containsExactly("page=1&page_size=500", "page=2&page_size=500", "page=3&page_size=500");
        List<Row> perPage =
                lake.read(TABLE).groupBy("page").count().orderBy("page").collectAsList();
        assertThat(perPage)
                .extracting(r -> r.getInt(0) + ":" + r.getLong(1))
                .containsExactly("1:500", "2:500", "3:142");
        assertThat(lake.read(TABLE).select("record").distinct().count()).isEqualTo(1142);
        Row first =
                lake.read(TABLE).where("record like '%2020-01-23T00:00:00Z%'").first();
        assertThat(first.<String>getAs("record"))
                .isEqualTo("{\"Country\":\"Singapore\",\"CountryCode\":\"SG\",\"Province\":\"\",\"City\":\"\","
                        + "\"CityCode\":\"\",\"Lat\":\"1.35\",\"Lon\":\"103.82\",\"Cases\":1,\"Status\":\"confirmed\","
                        + "\"Date\":\"2020-01-23T00:00:00Z\"}");
        assertThat(first.<String>getAs("url")).isEqualTo(server.url() + "?page=1&page_size=500");
        assertThat(first.<java.sql.Timestamp>getAs("fetched_at").toInstant())
                .isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    }

    @Test
    void theNextRunAsksOnlyForWhatIsNewerThanTheLastLoadedRecord() {
        ApiIngest.Result first = ingest().run(request(window("2020-12-31T00:00:00Z"), 3, Duration.ofSeconds(5)), "r1");
        // 2020-01-23 .. 2020-12-31: 344 days, one record each.
        assertThat(first.loaded()).isEqualTo(344);
        assertThat(first.since()).isNull();
        assertThat(first.newestCursor()).isEqualTo("2020-12-31T00:00:00Z");

        ApiIngest.Result second = ingest().run(request(window("2021-01-31T00:00:00Z"), 3, Duration.ofSeconds(5)), "r2");

        assertThat(server.queries.get(server.queries.size() - 1))
                .isEqualTo("from=2020-12-31T00%3A00%3A00Z&to=2021-01-31T00%3A00%3A00Z&page=1&page_size=500");
        // The API's "from" is inclusive: it answers 2020-12-31 again (skipped) and the 31 days of January.
        assertThat(second.fetched()).isEqualTo(32);
        assertThat(second.skipped()).isEqualTo(1);
        assertThat(second.loaded()).isEqualTo(31);
        assertThat(second.since()).isEqualTo("2020-12-31T00:00:00Z");
        assertThat(lake.read(TABLE).count()).isEqualTo(375);
        assertThat(lake.read(TABLE).select("cursor").distinct().count()).isEqualTo(375);

        ApiIngest.Result again = ingest().run(request(window("2021-01-31T00:00:00Z"), 3, Duration.ofSeconds(5)), "r3");
        assertThat(again.loaded()).isZero();
        assertThat(lake.read(TABLE).count()).isEqualTo(375);
    }

    @Test
    void retriesA429AfterItsRetryAfterAndA503TwiceWithBackOff() {
        server.then(CovidApiServer.Scripted.status(429, Map.of("Retry-After", "1")));
        server.then(CovidApiServer.Scripted.status(503, Map.of()));
        server.then(CovidApiServer.Scripted.status(503, Map.of()));
        long began = System.nanoTime();

        ApiIngest.Result result = ingest().run(request(Optional.empty(), 5, Duration.ofSeconds(5)), "r1");

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        // Retry-After: 1 s, then the back-off doubles from 40 ms.
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofMillis(80), Duration.ofMillis(160));
        assertThat(result.retries()).isEqualTo(3);
        assertThat(result.loaded()).isEqualTo(1142);
        assertThat(server.queries).hasSize(3 + 3);
    }

    @Test
    void retriesATimeout() {
        server.then(CovidApiServer.Scripted.slow(1500));

        ApiIngest.Result result = ingest().run(request(Optional.empty(), 3, Duration.ofMillis(400)), "r1");

        assertThat(result.retries()).isEqualTo(1);
        assertThat(result.loaded()).isEqualTo(1142);
    }

    @Test
    void stopsAfterTheAttemptLimitKeepingTheCommittedPages() {
        server.alwaysOnPage(2, CovidApiServer.Scripted.status(503, Map.of()));

        assertThatThrownBy(() -> ingest().run(request(Optional.empty(), 3, Duration.ofSeconds(5)), "r1"))
                .isInstanceOf(ApiSourceException.class)
                .hasMessage("GET " + server.url() + "?page=2&page_size=500 failed after 3 attempts, last: HTTP 503 "
                        + "(gave up; try later or raise --max-attempts); 500 records from 1 earlier pages stay "
                        + "committed in bronze.api_covid");
        assertThat(lake.read(TABLE).count()).isEqualTo(500);
        Row run = new RunLedger(lake).history().first();
        assertThat(run.<String>getAs("status")).isEqualTo("FAILED");
        assertThat(run.<String>getAs("error")).startsWith("GET " + server.url() + "?page=2");
    }

    @Test
    void aMalformedPageIsQuarantinedAndFailsTheRunKeepingWhatWasCommitted() {
        server.alwaysOnPage(2, CovidApiServer.Scripted.body("[{\"Country\": \"Singapore\", "));

        assertThatThrownBy(() -> ingest().run(request(Optional.empty(), 3, Duration.ofSeconds(5)), "r1"))
                .isInstanceOf(ApiSourceException.class)
                .hasMessageStartingWith("page 2 of " + server.url() + "?page=2&page_size=500 is malformed (not JSON: ")
                .hasMessageEndingWith("): quarantined in quarantine.bronze_api_covid; 500 records from 1 earlier "
                        + "pages stay committed in bronze.api_covid");
        assertThat(lake.read(TABLE).count()).isEqualTo(500);
        List<Row> rejects = new Quarantine(lake).of(TABLE).collectAsList();
        assertThat(rejects).hasSize(1);
        assertThat(rejects.get(0).<String>getAs("raw_record")).isEqualTo("[{\"Country\": \"Singapore\", ");
        assertThat(rejects.get(0).<String>getAs("source")).isEqualTo(server.url() + "?page=2&page_size=500");
        assertThat(rejects.get(0).<Long>getAs("line")).isEqualTo(2L);
        assertThat(rejects.get(0).<String>getAs("reason")).startsWith("not JSON: ");
    }

    @Test
    void findsTheRecordsAtARecordsPathAndRejectsABodyWithoutThem() {
        assertThat(ApiIngest.records("{\"data\":{\"items\":[{\"a\":1},{\"a\":2}]}}", Optional.of("data.items")))
                .extracting(Object::toString)
                .containsExactly("{\"a\":1}", "{\"a\":2}");
        assertThatThrownBy(() -> ApiIngest.records("{\"data\":{}}", Optional.of("data.items")))
                .hasMessage("no array at records path 'data.items'");
        assertThatThrownBy(() -> ApiIngest.records("{\"a\":1}", Optional.empty()))
                .hasMessage("the body is not a JSON array (give --records-path when the records are inside an object)");
        assertThatThrownBy(() -> ApiIngest.records("[1,2]", Optional.empty()))
                .hasMessage("a record is not a JSON object: 1");
    }

    @Test
    void readsRetryAfterAsSecondsOrAnHttpDate() {
        assertThat(HttpFetcher.retryAfter("7")).contains(Duration.ofSeconds(7));
        assertThat(HttpFetcher.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
        assertThat(HttpFetcher.retryAfter("soon")).isEmpty();
        assertThat(new ApiRequest.Retry(6, Duration.ofMillis(500), Duration.ofSeconds(3)).backoff(1))
                .isEqualTo(Duration.ofMillis(500));
        assertThat(new ApiRequest.Retry(6, Duration.ofMillis(500), Duration.ofSeconds(3)).backoff(3))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(new ApiRequest.Retry(6, Duration.ofMillis(500), Duration.ofSeconds(3)).backoff(5))
                .isEqualTo(Duration.ofSeconds(3));
    }
}
