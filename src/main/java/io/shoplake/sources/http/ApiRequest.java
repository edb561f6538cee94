package io.shoplake.sources.http;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What to fetch from a JSON API and how: the endpoint, fixed query parameters, paging, the incremental window and
 * the retry policy. Header values are secrets resolved from the environment by the caller; they are sent, never
 * stored or printed.
 */
public record ApiRequest(
        URI url,
        String name,
        Map<String, String> params,
        Optional<String> recordsPath,
        Optional<Paging> paging,
        Optional<Incremental> incremental,
        Map<String, String> headers,
        Retry retry,
        Duration timeout,
        int maxPages) {

    public ApiRequest {
        requireNonNull(url, "url is null");
        requireNonNull(name, "name is null");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("name must be lower-case snake_case, was: " + name);
        }
        if (url.getScheme() == null || !url.getScheme().matches("https?")) {
            throw new IllegalArgumentException("url must be http:// or https://, was: " + url);
        }
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(params, "params is null")));
        requireNonNull(recordsPath, "recordsPath is null");
        requireNonNull(paging, "paging is null");
        requireNonNull(incremental, "incremental is null");
        headers =
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(headers, "headers is null")));
        requireNonNull(retry, "retry is null");
        requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was: " + timeout);
        }
        if (maxPages < 1) {
            throw new IllegalArgumentException("max pages must be at least 1, was: " + maxPages);
        }
    }

    /** Page-number paging: {@code page} counts from {@code firstPage}; a page shorter than {@code size} is the last. */
    public record Paging(String pageParam, int firstPage, Optional<String> sizeParam, int size) {
        public Paging {
            requireNonNull(pageParam, "pageParam is null");
            requireNonNull(sizeParam, "sizeParam is null");
            if (size < 1) {
                throw new IllegalArgumentException("page size must be at least 1, was: " + size);
            }
        }
    }

    /**
     * The incremental window: {@code sinceParam} carries the newest {@code cursorField} value already loaded (or
     * {@code initialSince} on the first run); {@code untilParam}/{@code until} bound the window from above.
     */
    public record Incremental(
            String sinceParam,
            String cursorField,
            Optional<String> initialSince,
            Optional<String> untilParam,
            Optional<String> until) {
        public Incremental {
            requireNonNull(sinceParam, "sinceParam is null");
            requireNonNull(cursorField, "cursorField is null");
            requireNonNull(initialSince, "initialSince is null");
            requireNonNull(untilParam, "untilParam is null");
            requireNonNull(until, "until is null");
            if (untilParam.isPresent() != until.isPresent()) {
                throw new IllegalArgumentException("the until parameter and its value go together");
            }
        }
    }

    /** Retry policy for 429, 5xx and timeouts: at most {@code attempts} tries, back-off doubling from {@code base}. */
    public record Retry(int attempts, Duration base, Duration max) {
        public Retry {
            requireNonNull(base, "base is null");
            requireNonNull(max, "max is null");
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1, was: " + attempts);
            }
        }

        public static Retry defaults() {
            return new Retry(5, Duration.ofMillis(500), Duration.ofSeconds(30));
        }

        /** The wait before retry number {@code retry} (1 = the first retry): base * 2^(retry-1), at most max. */
        Duration backoff(int retry) {
            long millis = base.toMillis() << Math.min(30, retry - 1);
            return Duration.ofMillis(Math.min(millis, max.toMillis()));
        }
    }
}
