package io.shoplake.sources.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on loopback that serves the captured COVID API response the way the public API did
 * ({@code from}/{@code to} on {@code Date}, inclusive), plus {@code page}/{@code page_size} paging, and answers
 * scripted failures first (429 with Retry-After, 503, a slow answer, a malformed body) to exercise retries.
 */
final class CovidApiServer implements AutoCloseable {

    /** A scripted answer used once, before normal answers resume. */
    record Scripted(int status, String body, Map<String, String> headers, long delayMillis) {
        static Scripted status(int status, Map<String, String> headers) {
            return new Scripted(status, "{\"message\":\"try later\"}", headers, 0);
        }

        static Scripted body(String body) {
            return new Scripted(200, body, Map.of(), 0);
        }

        static Scripted slow(long delayMillis) {
            return new Scripted(-1, "", Map.of(), delayMillis);
        }
    }

    private final HttpServer server;
    private final List<JsonNode> records;
    private final Deque<Scripted> script = new ConcurrentLinkedDeque<>();
    private final Map<Integer, Scripted> alwaysOnPage = new java.util.concurrent.ConcurrentHashMap<>();
    final List<String> queries = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    CovidApiServer(Path response) {
        try {
            ObjectMapper json = new ObjectMapper();
            List<JsonNode> all = new ArrayList<>();
            json.readTree(response.toFile()).forEach(all::add);
            this.records = List.copyOf(all);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/country/singapore/status/confirmed", this::handle);
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/country/singapore/status/confirmed";
    }

    void then(Scripted answer) {
        script.add(answer);
    }

    /** Every request for this page gets this answer (a page that never recovers). */
    void alwaysOnPage(int page, Scripted answer) {
        alwaysOnPage.put(page, answer);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            queries.add(query == null ? "" : query);
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            Map<String, String> params = parse(query);
            Scripted scripted =
                    params.containsKey("page") ? alwaysOnPage.get(Integer.parseInt(params.get("page"))) : null;
            if (scripted == null) {
                scripted = script.poll();
            }
            if (scripted != null) {
                if (scripted.delayMillis() > 0) {
                    sleep(scripted.delayMillis());
                }
                if (scripted.status() > 0) {
                    scripted.headers()
                            .forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                    send(exchange, scripted.status(), scripted.body());
                    return;
                }
            }
            List<JsonNode> selected = records.stream()
                    .filter(r -> !params.containsKey("from")
                            || r.get("Date").asText().compareTo(params.get("from")) >= 0)
                    .filter(r ->
                            !params.containsKey("to") || r.get("Date").asText().compareTo(params.get("to")) <= 0)
                    .toList();
            if (params.containsKey("page")) {
                int size = Integer.parseInt(params.getOrDefault("page_size", "100"));
                int page = Integer.parseInt(params.get("page"));
                int start = Math.min(selected.size(), (page - 1) * size);
                selected = selected.subList(start, Math.min(selected.size(), start + size));
            }
            ArrayNode array = new ObjectMapper().createArrayNode();
            selected.forEach(array::add);
            send(exchange, 200, array.toString());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> parse(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                params.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // The client gave up (timeout test): nothing to answer.
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
