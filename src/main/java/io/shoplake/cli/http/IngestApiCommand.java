package io.shoplake.cli.http;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.config.Secrets;
import io.shoplake.console.Output;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.sources.http.ApiIngest;
import io.shoplake.sources.http.ApiRequest;
import io.shoplake.sources.http.ApiSourceException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake ingest api}: a paged, incremental JSON API into {@code bronze.api_<name>}. */
@Command(
        name = "api",
        mixinStandardHelpOptions = true,
        description = "GET a JSON API page by page into bronze.api_<name> (record, url, page, fetch time); "
                + "retries 429/5xx/timeouts with back-off; a malformed page is quarantined and fails the run.")
public final class IngestApiCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The API endpoint (http or https).")
    String url;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "Source name: the table is bronze.api_<name> (default: api).")
    String name = "api";

    @Option(names = "--param", paramLabel = "K=V", description = "A fixed query parameter (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(
            names = "--records-path",
            paramLabel = "PATH",
            description = "Dotted path of the record array when the body is an object, e.g. data.items.")
    String recordsPath;

    @Option(
            names = "--since-param",
            paramLabel = "NAME",
            description = "Query parameter that carries the newest value already loaded (incremental runs).")
    String sinceParam;

    @Option(
            names = "--since-field",
            paramLabel = "FIELD",
            description = "Record field compared with it (ISO-8601 text; with --since-param).")
    String sinceField;

    @Option(
            names = "--since",
            paramLabel = "VALUE",
            description = "The lower bound on the first run (with --since-param).")
    String since;

    @Option(
            names = "--until-param",
            paramLabel = "NAME",
            description = "Query parameter for the upper bound (with --until).")
    String untilParam;

    @Option(names = "--until", paramLabel = "VALUE", description = "The upper bound (with --until-param).")
    String until;

    @Option(
            names = "--page-param",
            paramLabel = "NAME",
            description = "Query parameter of the page number (paging on).")
    String pageParam;

    @Option(names = "--first-page", paramLabel = "N", description = "Number of the first page (default: 1).")
    int firstPage = 1;

    @Option(
            names = "--page-size",
            paramLabel = "N",
            description = "Records per page; a shorter page is the last (default: 100).")
    int pageSize = 100;

    @Option(
            names = "--page-size-param",
            paramLabel = "NAME",
            description = "Query parameter of the page size (default: page_size; '' to send none).")
    String pageSizeParam = "page_size";

    @Option(
            names = "--header-env",
            paramLabel = "HEADER=ENV",
            description =
                    "Send a header whose value is read from an environment variable, e.g. 'Authorization=API_TOKEN' (repeatable; never printed or stored).")
    Map<String, String> headerEnv = new LinkedHashMap<>();

    @Option(
            names = "--max-attempts",
            paramLabel = "N",
            description = "Tries per page on 429/5xx/timeouts (default: 5).")
    int maxAttempts = 5;

    @Option(
            names = "--backoff-ms",
            paramLabel = "MS",
            description = "First back-off, doubled on each retry (default: 500).")
    long backoffMillis = 500;

    @Option(names = "--timeout-ms", paramLabel = "MS", description = "Request timeout (default: 30000).")
    long timeoutMillis = 30_000;

    @Option(
            names = "--max-pages",
            paramLabel = "N",
            description = "Stop with an error after this many pages (default: 10000).")
    int maxPages = 10_000;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ApiRequest request = UsageException.whenInvalid(this::request);
        var out = spec.commandLine().getOut();
        try (Workspace workspace = Workspace.of(common)) {
            ApiIngest ingest = new ApiIngest(workspace.lake(), workspace.runs(), Clock.systemUTC(), line -> {
                if (!json.json()) {
                    out.println("  " + line);
                    out.flush();
                }
            });
            ApiIngest.Result result;
            try {
                result = ingest.run(request, RunLedger.newRunId());
            } catch (ApiSourceException e) {
                throw new RunFailedException(e.getMessage());
            }
            json.print(
                    out,
                    result,
                    (o, r) -> Output.table(
                            o,
                            List.of(
                                    "table",
                                    "pages",
                                    "fetched",
                                    "loaded",
                                    "skipped (not newer)",
                                    "retries",
                                    "since",
                                    "newest"),
                            List.of(List.of(
                                    result.table().toString(),
                                    String.valueOf(result.pages()),
                                    String.valueOf(result.fetched()),
                                    String.valueOf(result.loaded()),
                                    String.valueOf(result.skipped()),
                                    String.valueOf(result.retries()),
                                    Optional.ofNullable(result.since()).orElse("-"),
                                    Optional.ofNullable(result.newestCursor()).orElse("-")))));
            return ExitCode.OK;
        }
    }

    ApiRequest request() {
        if ((sinceParam == null) != (sinceField == null)) {
            throw new IllegalArgumentException("--since-param and --since-field go together");
        }
        if (since != null && sinceParam == null) {
            throw new IllegalArgumentException("--since needs --since-param and --since-field");
        }
        if ((untilParam == null) != (until == null)) {
            throw new IllegalArgumentException("--until-param and --until go together");
        }
        if (untilParam != null && sinceParam == null) {
            throw new IllegalArgumentException("--until-param needs --since-param and --since-field");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headerEnv.forEach((header, env) -> headers.put(
                header,
                Secrets.fromEnv(env)
                        .orElseThrow(() -> new IllegalArgumentException("environment variable " + env
                                + " is not set (named by --header-env " + header + "=" + env + ")"))));
        Optional<ApiRequest.Paging> paging = Optional.ofNullable(pageParam)
                .map(param -> new ApiRequest.Paging(
                        param, firstPage, Optional.ofNullable(pageSizeParam).filter(p -> !p.isEmpty()), pageSize));
        Optional<ApiRequest.Incremental> incremental = Optional.ofNullable(sinceParam)
                .map(param -> new ApiRequest.Incremental(
                        param,
                        sinceField,
                        Optional.ofNullable(since),
                        Optional.ofNullable(untilParam),
                        Optional.ofNullable(until)));
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--url is not a URL: " + url);
        }
        return new ApiRequest(
                uri,
                name,
                params,
                Optional.ofNullable(recordsPath),
                paging,
                incremental,
                headers,
                new ApiRequest.Retry(maxAttempts, Duration.ofMillis(backoffMillis), Duration.ofSeconds(60)),
                Duration.ofMillis(timeoutMillis),
                maxPages);
    }
}
