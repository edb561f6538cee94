package io.shoplake.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.testing.TestSpark;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard page in Debian's headless chromium: every chart's series equal the table's values (read here with
 * SQL of the test's own), a chart whose table is missing says which command builds it, and screenshots of the main
 * views land in target/dashboard-screenshots.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

    @TempDir
    static Path temp;

    private static Lakehouse lake;
    private static DashboardServer server;
    private static DashboardServer empty;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String message = "chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertThat(installed).as(message).isTrue();
        }
        assumeTrue(installed, message);
        lake = TestSpark.freshLake(temp.resolve("lake"));
        DashboardLake.fill(lake);
        server = DashboardServer.start(lake, "127.0.0.1", 0);
        empty = DashboardServer.start(TestSpark.freshLake(temp.resolve("empty")), "127.0.0.1", 0);
        // The driver path is given, so Selenium Manager never runs and nothing is downloaded.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--user-data-dir=" + Files.createDirectories(temp.resolve("chromium-profile")));
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1240, 2000));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
            empty.close();
        }
    }

    private static void open(DashboardServer on, String query) {
        browser.get(on.url() + query);
        new WebDriverWait(browser, Duration.ofSeconds(120))
                .until(driver ->
                        "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-loaded")));
    }

    /** The data of one series of a chart, as the page's ECharts instance holds it. */
    private static List<String> series(String chart, int index) {
        Object data = ((JavascriptExecutor) browser)
                .executeScript(
                        "const c = echarts.getInstanceByDom(document.getElementById('chart-' + arguments[0]));"
                                + "return c.getOption().series[arguments[1]].data.map(v => v === null || v === undefined"
                                + " || v === '-' ? 'null' : String(v));",
                        chart,
                        index);
        return ((List<?>) data).stream().map(String::valueOf).toList();
    }

    private static List<String> categories(String chart, String axis) {
        Object data = ((JavascriptExecutor) browser)
                .executeScript(
                        "const c = echarts.getInstanceByDom(document.getElementById('chart-' + arguments[0]));"
                                + "return c.getOption()[arguments[1]][0].data.map(String);",
                        chart,
                        axis);
        return ((List<?>) data).stream().map(String::valueOf).toList();
    }

    /** One column of a lake query, as text the way JavaScript prints numbers (1.0 is "1"). */
    private static List<String> lakeColumn(String sql) {
        return lake.sql(sql).collectAsList().stream()
                .map(DashboardBrowserTest::text)
                .collect(Collectors.toList());
    }

    private static String text(Row row) {
        Object value = row.get(0);
        if (value == null) {
            return "null";
        }
        if (value instanceof Double d && d == Math.rint(d)) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(value);
    }

    @Test
    void everyChartShowsTheTablesValues() throws Exception {
        open(server, "?country=SG");
        for (String chart : server.charts()) {
            assertThat(browser.findElement(By.id("chart-" + chart)).getAttribute("data-state"))
                    .as(chart)
                    .isEqualTo("ready");
        }
        String sg = "FROM gold.covid_daily WHERE country_code = 'SG' ORDER BY date";
        assertThat(categories("covid", "xAxis")).isEqualTo(lakeColumn("SELECT cast(date AS string) " + sg));
        assertThat(series("covid", 0)).isEqualTo(lakeColumn("SELECT new_cases " + sg));
        assertThat(series("covid", 1)).isEqualTo(lakeColumn("SELECT avg_7d " + sg));
        assertThat(series("covid", 2)).isEqualTo(lakeColumn("SELECT cumulative " + sg));
        assertThat(browser.findElement(By.id("note-covid")).getText())
                .isEqualTo("Singapore (SG) - cumulative went down on 1 day(s): 2021-03-04");

        assertThat(series("orders", 0))
                .isEqualTo(lakeColumn("SELECT count(*) FROM silver.orders GROUP BY order_date ORDER BY order_date"));
        assertThat(series("order-patterns", 0)).containsExactly("2", "1", "0", "3");
        String swings = "FROM gold.industry_swings WHERE as_of = (SELECT max(as_of) FROM gold.industry_swings) "
                + "ORDER BY rank";
        assertThat(categories("industries", "xAxis")).isEqualTo(lakeColumn("SELECT industry " + swings));
        assertThat(series("industries", 0)).isEqualTo(lakeColumn("SELECT window_amount " + swings));
        assertThat(series("industries", 1)).isEqualTo(lakeColumn("SELECT baseline_daily_avg " + swings));
        String merchants = "FROM gold.merchant_daily WHERE date = (SELECT max(date) FROM gold.merchant_daily) "
                + "ORDER BY avg_seconds_per_user DESC";
        assertThat(series("flyers", 0)).isEqualTo(lakeColumn("SELECT avg_seconds_per_user " + merchants));
        assertThat(series("flyers", 1)).isEqualTo(lakeColumn("SELECT users " + merchants));
        // The buyer chart lists the most likely customer at the top, so its data runs from the least likely.
        assertThat(series("buyers", 0))
                .isEqualTo(lakeColumn("SELECT p_order_in_horizon FROM gold.next_order_predictions WHERE as_of = "
                        + "(SELECT max(as_of) FROM gold.next_order_predictions) ORDER BY p_order_in_horizon"));
        assertThat(series("backtest", 0))
                .isEqualTo(lakeColumn("SELECT cumulative_actual FROM gold.backtest_tracking ORDER BY period_end"));
        assertThat(series("backtest", 1))
                .isEqualTo(lakeColumn("SELECT cumulative_predicted FROM gold.backtest_tracking ORDER BY period_end"));
        assertThat(series("quality", 0))
                .isEqualTo(lakeColumn("SELECT count_if(passed) FROM ops.dq_results GROUP BY to_date(checked_at) "
                        + "ORDER BY to_date(checked_at)"));
        assertThat(series("quality", 1))
                .isEqualTo(lakeColumn("SELECT count_if(NOT passed) FROM ops.dq_results GROUP BY to_date(checked_at) "
                        + "ORDER BY to_date(checked_at)"));

        screenshot(browser.findElement(By.tagName("main")), "dashboard.png");
        for (String chart : List.of("covid", "industries", "flyers", "backtest")) {
            screenshot(browser.findElement(By.id("chart-" + chart)).findElement(By.xpath("..")), chart + ".png");
        }
    }

    @Test
    void aChartWhoseTableIsMissingSaysWhichCommandBuildsIt() throws Exception {
        open(empty, "");
        WebElement industries = browser.findElement(By.id("chart-industries"));
        assertThat(industries.getAttribute("data-state")).isEqualTo("missing");
        assertThat(industries.getText())
                .isEqualTo("gold.industry_swings does not exist yet. Build it with ./shoplake run industry-swings");
        assertThat(browser.findElement(By.id("chart-covid")).getText())
                .isEqualTo("gold.covid_daily does not exist yet. Build it with ./shoplake ingest covid --from FILE");
        screenshot(browser.findElement(By.id("chart-industries")).findElement(By.xpath("..")), "missing-table.png");
    }

    private static void screenshot(WebElement element, String name) throws Exception {
        File file = element.getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
