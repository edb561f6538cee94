package io.shoplake.pipelines.orders.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.shoplake.pipelines.orders.generator.Defect;
import io.shoplake.pipelines.orders.generator.GeneratedOrders;
import io.shoplake.pipelines.orders.generator.OrdersGenerator;
import io.shoplake.pipelines.orders.generator.OrdersGeneratorSettings;
import io.shoplake.services.EmbeddedMariaDb;
import io.shoplake.testing.TestServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading orders CSV folders into a real (embedded) MariaDB; expected rows worked out by hand from the files. */
class MysqlOrdersLoaderTest {

    private static EmbeddedMariaDb server;

    @TempDir
    Path temp;

    @BeforeAll
    static void shareServer() {
        server = TestServices.mariaDb();
    }

    static MysqlTarget target(String database) {
        return new MysqlTarget(server.jdbcUrl(database), EmbeddedMariaDb.USER, Optional.empty());
    }

    static void write(Path directory, String name, String... lines) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(name), String.join("\n", lines) + "\n");
    }

    /** A small shop with one of each defect; the comments say what must happen to each line. */
    private Path craftedShop() throws IOException {
        Path dir = temp.resolve("shop");
        write(
                dir,
                "customers.csv",
                "id,last_name,first_name,email,company,phone,address1,address2,city,state,postal_code,country",
                "1,Gray,Clarence,c@x.org,Jetpulse,1-(260)601-5114,1 Main St,,Fort Wayne,Indiana,46805,United States",
                "2,Cooper,Emily,e@x.org,Skippad,,2 Main St,,Mobile,Alabama,36605,United States",
                "3,Wilson,George,g@x.org,Riffpath,,3 Main St,,Memphis,Tennessee,38181,United States",
                ",Nobody,Anne,a@x.org,,,,,,,,", // line 5: missing key
                "4,Short,Row,s@x.org,,,", // line 6: 7 fields
                "1,Grey,Clarence,c@x.org,Jetpulse,,1 Main St,,Fort Wayne,Indiana,46805,United States"); // newer 1
        write(
                dir,
                "employees.csv",
                "id,last_name,first_name,email,phone,address1,address2,city,state,postal_code,country,avatar,job_title,department,manager_id",
                "201,Harris,George,,,,,,,,,,Director,Sales,",
                "202,Hayes,Rachel,,,,,,,,,,Rep,Sales,201",
                "203,Palmer,Tony,,,,,,,,,,Rep,Sales,299"); // line 4: unknown manager
        write(
                dir,
                "products.csv",
                "id,product_code,product_name,description,standard_cost,list_price,target_level,reorder_level,minimum_reorder_quantity,quantity_per_unit,discontinued,category",
                "601,P1,Nikkon DS90,,67.09,23.39,75,67,12,50,1,Camera",
                "602,P2,Canon T90,,82.83,93.84,92,76,92,56,0,Camera",
                "603,P3,Dell Inspirion,,n/a,93.84,92,76,92,56,0,Laptop"); // line 4: text in a number
        write(
                dir,
                "orders.csv",
                "id,employee_id,customer_id,order_date,shipped_date,ship_name,ship_address1,ship_address2,ship_city,ship_state,ship_postal_code,ship_country,shipping_fee,payment_type,paid_date,order_status",
                "4001,201,1,2016-04-05 10:30:00,2016-04-06,C Gray,1 Main St,,Fort Wayne,Indiana,46805,United States,8.14,Card,2016-04-06,Shipped",
                "4002,202,2,2017-01-29,,E Cooper,2 Main St,,Mobile,Alabama,36605,United States,0,Cash,,New",
                "4003,202,77,2016-08-19,,X,,,,,,,2.29,Cash,,On Hold", // line 4: unknown customer
                "4004,201,3,2017-02-30,,G Wilson,,,,,,,1.00,Card,,New", // line 5: impossible date
                "4005,201,3,\"2016-09-01 12:00:00\",,\"Wilson, George\",,,,,,,1.00,Card,,New"); // quoted fields
        write(
                dir,
                "order_details-0001.csv",
                "order_id,product_id,quantity,unit_price,discount,order_detail_status,date_allocated",
                "4001,601,1,68.34,8.16,On Order,2016-12-22",
                "4001,602,2,93.84,0,Allocated,",
                "4999,601,1,1.00,0,Allocated,2016-12-22", // line 4: orphan order
                "4002,609,1,1.00,0,Allocated,2016-12-22"); // line 5: orphan product
        write(
                dir,
                "order_details-0002.csv",
                "order_id,product_id,quantity,unit_price,discount,order_detail_status,date_allocated",
                "4002,601,two,1.00,0,Allocated,2016-12-22", // line 2: text quantity
                "4004,601,1,1.00,0,Allocated,2016-12-22", // line 3: its order was rejected
                "4005,602,-3,93.84,0,Allocated,2016-12-22", // negative: the lake's job
                "4001,601,5,68.34,8.16,Allocated,2016-12-23"); // re-delivery: updates 4001/601
        write(dir, "notes.txt", "not a table");
        return dir;
    }

    @Test
    void loadsParentsFirstRejectingEachBadRecordWithItsReason() throws Exception {
        Path dir = craftedShop();
        List<MysqlLoadResult.Reject> heard = new ArrayList<>();
        MysqlLoadResult result = new MysqlOrdersLoader(target("crafted"), 2, new MysqlOrdersLoader.Listener() {
                    @Override
                    public void rejected(MysqlLoadResult.Reject reject) {
                        heard.add(reject);
                    }
                })
                .load(dir);

        assertThat(result.database()).isEqualTo("crafted");
        assertThat(result.ignoredFiles()).containsExactly(dir.resolve("notes.txt"));

        MysqlLoadResult.TableLoad customers = result.table("customers");
        assertThat(customers.rowsRead()).isEqualTo(6);
        assertThat(customers.rowsLoaded()).isEqualTo(4);
        assertThat(customers.tableRows()).isEqualTo(3);
        assertThat(customers.rejectedByRule())
                .containsOnly(entry("id: missing key", 1L), entry("expected 12 fields, found 7", 1L));

        assertThat(result.table("employees").rejectedByRule())
                .containsOnly(entry("manager_id: no employees row with id", 1L));
        assertThat(result.table("products").rejectedByRule())
                .containsOnly(entry("standard_cost: not a decimal number", 1L));
        assertThat(result.table("orders").rejectedByRule())
                .containsOnly(
                        entry("customer_id: no customers row with id", 1L),
                        entry("order_date: not a valid date-time", 1L));
        MysqlLoadResult.TableLoad items = result.table("order_details");
        assertThat(items.files())
                .containsExactly(dir.resolve("order_details-0001.csv"), dir.resolve("order_details-0002.csv"));
        assertThat(items.rowsRead()).isEqualTo(8);
        assertThat(items.rowsLoaded()).isEqualTo(4);
        assertThat(items.tableRows()).isEqualTo(3);
        assertThat(items.rejectedByRule())
                .containsOnly(
                        entry("order_id: no orders row with id", 2L),
                        entry("product_id: no products row with id", 1L),
                        entry("quantity: not an integer", 1L));

        assertThat(heard)
                .extracting(r -> r.file().getFileName() + ":" + r.line() + " " + r.reason())
                .containsExactly(
                        "customers.csv:5 id: missing key",
                        "customers.csv:6 expected 12 fields, found 7",
                        "employees.csv:4 manager_id: no employees row with id: 299",
                        "products.csv:4 standard_cost: not a decimal number: n/a",
                        "orders.csv:4 customer_id: no customers row with id: 77",
                        "orders.csv:5 order_date: not a valid date-time: 2017-02-30",
                        "order_details-0001.csv:4 order_id: no orders row with id: 4999",
                        "order_details-0001.csv:5 product_id: no products row with id: 609",
                        "order_details-0002.csv:2 quantity: not an integer: two",
                        "order_details-0002.csv:3 order_id: no orders row with id: 4004");

        try (Connection connection = server.connect("crafted")) {
            assertThat(rows(connection, "SELECT id, last_name FROM customers ORDER BY id"))
                    .containsExactly("1|Grey", "2|Cooper", "3|Wilson");
            assertThat(
                            rows(
                                    connection,
                                    "SELECT id, customer_id, DATE_FORMAT(order_date, '%Y-%m-%d %H:%i:%s'), shipped_date, ship_name, shipping_fee FROM orders ORDER BY id"))
                    .containsExactly(
                            "4001|1|2016-04-05 10:30:00|2016-04-06|C Gray|8.1400",
                            "4002|2|2017-01-29 00:00:00|null|E Cooper|0.0000",
                            "4005|3|2016-09-01 12:00:00|null|Wilson, George|1.0000");
            assertThat(rows(
                            connection,
                            "SELECT order_id, product_id, quantity, date_allocated FROM order_details ORDER BY 1, 2"))
                    .containsExactly("4001|601|5|2016-12-23", "4001|602|2|null", "4005|602|-3|2016-12-22");
        }
    }

    @Test
    void loadingTheSameFolderAgainChangesNothing() throws Exception {
        Path dir = craftedShop();
        MysqlOrdersLoader loader = new MysqlOrdersLoader(target("reload"));
        MysqlLoadResult first = loader.load(dir);
        List<String> before;
        try (Connection connection = server.connect("reload")) {
            before = rows(connection, "SELECT * FROM order_details ORDER BY 1, 2");
        }
        MysqlLoadResult second = loader.load(dir);
        for (MysqlLoadResult.TableLoad table : second.tables()) {
            MysqlLoadResult.TableLoad earlier = first.table(table.table());
            assertThat(table.tableRows()).as(table.table()).isEqualTo(earlier.tableRows());
            assertThat(table.rowsLoaded()).as(table.table()).isEqualTo(earlier.rowsLoaded());
            assertThat(table.rejectedByRule()).as(table.table()).isEqualTo(earlier.rejectedByRule());
        }
        try (Connection connection = server.connect("reload")) {
            assertThat(rows(connection, "SELECT * FROM order_details ORDER BY 1, 2"))
                    .isEqualTo(before);
        }
    }

    @Test
    void generatedDataReconcilesWithTheGeneratorsDefectCounts() throws Exception {
        GeneratedOrders generated = new OrdersGenerator(OrdersGeneratorSettings.defaults()
                        .withCustomers(150)
                        .withDefectRate(0.05)
                        .withSeed(3))
                .generate(temp.resolve("gen"));
        MysqlLoadResult result = new MysqlOrdersLoader(target("generated"), 100, MysqlOrdersLoader.Listener.NONE)
                .load(temp.resolve("gen"));
        for (MysqlLoadResult.TableLoad table : result.tables()) {
            assertThat(table.rowsRead())
                    .as(table.table())
                    .isEqualTo(generated.table(table.table()).rows());
            assertThat(table.rowsRead())
                    .as(table.table() + " reconciles")
                    .isEqualTo(table.rowsLoaded() + table.rejected());
        }
        assertThat(result.table("customers").tableRows()).isEqualTo(150);
        assertThat(result.table("employees").tableRows()).isEqualTo(20);
        GeneratedOrders.TableFiles products = generated.table("products");
        assertThat(result.table("products").tableRows())
                .isEqualTo(200 + products.defects().getOrDefault(Defect.NEGATIVE_NUMBER, 0L));
        // every order defect but a re-delivery makes the order unloadable; re-deliveries update the same row
        GeneratedOrders.TableFiles orders = generated.table("orders");
        assertThat(result.table("orders").tableRows()).isEqualTo(orders.rows() - orders.defectiveRows());
        assertThat(result.table("orders").rejected())
                .isEqualTo(orders.defectiveRows() - orders.defects().getOrDefault(Defect.DUPLICATE, 0L));
    }

    @Test
    void aFileWithoutARequiredColumnStopsTheLoadBeforeAnythingIsWritten() throws Exception {
        Path dir = craftedShop();
        write(dir, "orders.csv", "id,employee_id,order_date", "1,201,2016-01-01");
        assertThatThrownBy(() -> new MysqlOrdersLoader(target("badheader")).load(dir))
                .isInstanceOf(MysqlLoadException.class)
                .hasMessage(dir.resolve("orders.csv") + ": the header lacks column(s) customer_id, shipped_date, "
                        + "ship_name, ship_address1, ship_address2, ship_city, ship_state, ship_postal_code, "
                        + "ship_country, shipping_fee, payment_type, paid_date, order_status; nothing was loaded");
        try (Connection connection = server.connect("badheader")) {
            assertThat(rows(connection, "SELECT COUNT(*) FROM customers")).containsExactly("0");
        }
    }

    @Test
    void aWrongPasswordOrAClosedPortIsAOneLineMessage() throws IOException {
        Path dir = craftedShop();
        MysqlTarget wrongPassword = new MysqlTarget(server.jdbcUrl("x"), "root", Optional.of("wrong"));
        assertThatThrownBy(() -> new MysqlOrdersLoader(wrongPassword).load(dir))
                .hasMessage("MySQL rejected user 'root': wrong user name or password "
                        + "(set SHOPLAKE_JDBC_USER/SHOPLAKE_JDBC_PASSWORD or --user/--password-file)");
        int closedPort = io.shoplake.services.Ports.free();
        MysqlTarget closed = new MysqlTarget("jdbc:mysql://127.0.0.1:" + closedPort + "/x", "root", Optional.empty());
        assertThatThrownBy(() -> new MysqlOrdersLoader(closed).load(dir))
                .hasMessageStartingWith("cannot connect to MySQL at 127.0.0.1:" + closedPort + ": ")
                .hasMessageEndingWith("; is the server running? try `./shoplake services up`")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(result.getObject(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }
}
