package io.shoplake.sources.http;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * GETs one URL with the JDK's HTTP client, retrying 429, 5xx and timeouts with exponential back-off; a
 * {@code Retry-After} header (seconds or an HTTP date) replaces the computed wait.
 */
final class HttpFetcher {

    /** A successful response body and how many tries it took. */
    record Fetched(String body, int attempts) {}

    /** Waits between tries; tests may count the waits. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final HttpClient client;
    private final ApiRequest.Retry retry;
    private final Duration timeout;
    private final Map<String, String> headers;
    private final Sleeper sleeper;

    HttpFetcher(ApiRequest.Retry retry, Duration timeout, Map<String, String> headers, Sleeper sleeper) {
        this.retry = requireNonNull(retry, "retry is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.headers = Map.copyOf(headers);
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    Fetched get(URI uri) {
        String lastProblem = "";
        for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
            Optional<Duration> retryAfter = Optional.empty();
            try {
                HttpRequest.Builder request =
                        HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
                headers.forEach(request::header);
                HttpResponse<String> response =
                        client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new Fetched(response.body(), attempt);
                }
                if (status != 429 && status < 500) {
                    throw new ApiSourceException("GET " + uri + " answered HTTP " + status
                            + " (not retried: a 4xx other than 429 means the request itself is wrong)");
                }
                lastProblem = "HTTP " + status;
                retryAfter = response.headers().firstValue("Retry-After").flatMap(HttpFetcher::retryAfter);
            } catch (HttpTimeoutException e) {
                lastProblem = "timed out after " + timeout.toMillis() + " ms";
            } catch (IOException e) {
                lastProblem = "connection failed (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiSourceException("interrupted while fetching " + uri, e);
            }
            if (attempt < retry.attempts()) {
                try {
                    sleeper.sleep(retryAfter.orElse(retry.backoff(attempt)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ApiSourceException("interrupted while waiting to retry " + uri, e);
                }
            }
        }
        throw new ApiSourceException("GET " + uri + " failed after " + retry.attempts() + " attempts, last: "
                + lastProblem + " (gave up; try later or raise --max-attempts)");
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date; empty when unreadable. */
    static Optional<Duration> retryAfter(String value) {
        String text = value.trim();
        if (text.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration wait = Duration.between(Instant.now(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
