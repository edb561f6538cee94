package io.shoplake.dashboard;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.shoplake.lakehouse.Lakehouse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The dashboard: one page (served from the jar, ECharts from its webjar) and a read-only JSON endpoint per chart,
 * {@code /api/<chart>}, on the JDK's HTTP server. Bound to loopback unless told otherwise; only GET and HEAD.
 */
public final class DashboardServer implements AutoCloseable {

    static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final String PAGE = "/io/shoplake/dashboard/index.html";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Lakehouse lake;
    private final Map<String, Chart> charts;
    private final ObjectMapper json = new ObjectMapper();

    private DashboardServer(HttpServer server, ExecutorService executor, Lakehouse lake) {
        this.server = server;
        this.executor = executor;
        this.lake = lake;
        this.charts = Charts.all().stream()
                .collect(Collectors.toMap(Chart::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    /** Starts serving {@code lake} on {@code bind:port} (port 0: any free port). */
    public static DashboardServer start(Lakehouse lake, String bind, int port) {
        requireNonNull(lake, "lake is null");
        requireNonNull(bind, "bind is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was: " + port);
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bind), port), 0);
            ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "dashboard-http");
                thread.setDaemon(true);
                return thread;
            });
            DashboardServer dashboard = new DashboardServer(server, executor, lake);
            server.createContext("/", dashboard::handle);
            server.setExecutor(executor);
            server.start();
            return dashboard;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot serve the dashboard on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + address.getPort() + "/";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The chart endpoint names, in page order. */
    public List<String> charts() {
        return List.copyOf(charts.keySet());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                sendJson(exchange, 405, Map.of("error", "the dashboard is read-only: " + method + " is not allowed"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/") || path.equals("/index.html")) {
                sendResource(exchange, PAGE, "text/html; charset=utf-8");
            } else if (path.equals("/assets/echarts.min.js")) {
                sendResource(exchange, ECHARTS, "application/javascript");
            } else if (path.equals("/api/charts")) {
                sendJson(
                        exchange,
                        200,
                        charts.values().stream()
                                .map(chart -> {
                                    // Ordered keys: the listing reads the same every time.
                                    Map<String, String> entry = new LinkedHashMap<>();
                                    entry.put("name", chart.name());
                                    entry.put("title", chart.title());
                                    return entry;
                                })
                                .toList());
            } else if (path.startsWith("/api/")) {
                answerChart(exchange, path.substring("/api/".length()));
            } else {
                sendJson(exchange, 404, Map.of("error", "no such page: " + path));
            }
        } catch (RuntimeException e) {
            // The exchange may be half-written; the server thread must survive whatever a query threw.
            try {
                sendJson(exchange, 500, Map.of("error", String.valueOf(e.getMessage())));
            } catch (IOException | RuntimeException ignored) {
                // response already started
            }
        }
    }

    private void answerChart(HttpExchange exchange, String name) throws IOException {
        Chart chart = charts.get(name);
        if (chart == null) {
            sendJson(
                    exchange,
                    404,
                    Map.of("error", "no chart '" + name + "' (charts: " + String.join(", ", charts.keySet()) + ")"));
            return;
        }
        Params params;
        try {
            params = Params.parse(name, exchange.getRequestURI().getRawQuery(), chart.parameters());
        } catch (BadParameterException e) {
            sendJson(exchange, 400, Map.of("error", e.getMessage()));
            return;
        }
        Optional<Chart.Source> missing = chart.sources().stream()
                .filter(source -> !lake.exists(source.table()))
                .findFirst();
        if (missing.isPresent()) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("chart", name);
            answer.put("title", chart.title());
            answer.put("available", false);
            answer.put("missing_table", missing.get().table().toString());
            answer.put("build_command", missing.get().command());
            answer.put(
                    "message",
                    missing.get().table() + " does not exist yet: build it with `"
                            + missing.get().command() + "`");
            sendJson(exchange, 200, answer);
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("chart", name);
        answer.put("title", chart.title());
        answer.put("available", true);
        try {
            answer.putAll(chart.query().answer(lake, params));
        } catch (BadParameterException e) {
            sendJson(exchange, 400, Map.of("error", e.getMessage()));
            return;
        }
        sendJson(exchange, 200, answer);
    }

    private void sendResource(HttpExchange exchange, String resource, String type) throws IOException {
        try (InputStream in = DashboardServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                sendJson(exchange, 500, Map.of("error", "resource missing from the jar: " + resource));
                return;
            }
            byte[] body = in.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", type);
            send(exchange, 200, body);
        }
    }

    private void sendJson(HttpExchange exchange, int status, Object value) throws IOException {
        byte[] body;
        try {
            body = json.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, status, body);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
