package io.shoplake.pipelines.orders.generator;

import static java.util.Objects.requireNonNull;

import io.shoplake.pipelines.orders.OrderSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.random.RandomDataGenerator;
import org.hipparchus.random.Well19937c;

/**
 * Writes a Northwind-shaped orders data set (customers, employees, products, orders, order_details as CSV, the
 * columns of {@link OrderSources}) with realistic purchase cycles ({@link PurchaseModel}), skewed product
 * popularity and injected {@link Defect}s. Deterministic: the same settings give byte-identical files. Streams
 * rows to disk; memory grows with the number of customers, never with orders.
 *
 * <p>The model and the defects draw from separate random streams, so the clean part of the data set does not
 * depend on the defect rate: a clean and a defective run with the same seed describe the same shop.
 */
public final class OrdersGenerator {

    /** Called as large tables grow, so long runs can show progress. */
    @FunctionalInterface
    public interface Progress {
        void rowsWritten(String table, long rows);

        Progress NONE = (table, rows) -> {};
    }

    static final long PROGRESS_EVERY = 1_000_000;
    /** Keeps unterminated quotes rare: a strict CSV reader may read on to the next quote before resynchronising. */
    static final long LINES_BETWEEN_UNTERMINATED_QUOTES = 100_000;
    /** Order ids of orphan order items start here, above any real order id. */
    static final long ORPHAN_ORDER_ID_BASE = 1_000_000_000L;
    /** Customer ids of orders for unknown customers and product ids of orphan items start here. */
    static final long UNKNOWN_ID_BASE = 900_000_000L;

    static final double ZIPF_EXPONENT = 1.1;
    static final double MEAN_EXTRA_ITEMS = 1.5;

    private static final String[] PAYMENT_TYPES = {"Card", "Card", "Cash", "Checque"};
    private static final String[] DETAIL_STATUSES = {"Allocated", "Allocated", "On Order", "No Stock"};

    private final OrdersGeneratorSettings settings;
    private final Progress progress;

    public OrdersGenerator(OrdersGeneratorSettings settings, Progress progress) {
        this.settings = requireNonNull(settings, "settings is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    public OrdersGenerator(OrdersGeneratorSettings settings) {
        this(settings, Progress.NONE);
    }

    /**
     * Writes the five CSV tables into {@code directory} (created if missing). Earlier output of the five tables
     * there ({@code <table>.csv}, {@code <table>-*.csv}) is deleted first, so stale parts never mix in.
     */
    public GeneratedOrders generate(Path directory) {
        requireNonNull(directory, "directory is null");
        long began = System.nanoTime();
        prepare(directory);
        Run run = new Run(settings, directory, progress);
        List<GeneratedOrders.TableFiles> tables = run.writeAll();
        return new GeneratedOrders(directory, tables, Duration.ofNanos(System.nanoTime() - began));
    }

    private static void prepare(Path directory) {
        try {
            Files.createDirectories(directory);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.csv")) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    for (String table : OrderSources.LOAD_ORDER) {
                        if (name.equals(table + ".csv") || name.startsWith(table + "-")) {
                            Files.delete(file);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare output folder " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The state of one generation run. */
    private static final class Run {
        private final OrdersGeneratorSettings settings;
        private final Path directory;
        private final Progress progress;
        private final long seed;
        private final RandomDataGenerator random;
        private final RandomDataGenerator defects;
        private final PurchaseModel model;
        private final String[] dates;
        private final CsvLine line = new CsvLine();
        private final char[] clock = "00:00:00".toCharArray();
        private final long[] listPriceCents;
        private final int[] productByRank;
        private final double[] popularity;
        private double[] rates;
        private float[] dropouts;
        private final EventQueue queue = new EventQueue();
        private long unknownIds;
        private long orphanOrderIds;

        Run(OrdersGeneratorSettings settings, Path directory, Progress progress) {
            this.settings = settings;
            this.directory = directory;
            this.progress = progress;
            this.seed = settings.seed();
            this.random = RandomDataGenerator.of(new Well19937c(seed));
            this.defects = RandomDataGenerator.of(new Well19937c(~seed * 31 + 7));
            this.model = new PurchaseModel(random, settings.start(), settings.days());
            this.dates = new String[settings.days() + 60];
            LocalDate day = settings.start();
            for (int i = 0; i < dates.length; i++, day = day.plusDays(1)) {
                dates[i] = day.toString();
            }
            this.listPriceCents = new long[settings.products() + 1];
            this.productByRank = new int[settings.products() + 1];
            this.popularity = zipfCumulative(settings.products(), ZIPF_EXPONENT);
        }

        List<GeneratedOrders.TableFiles> writeAll() {
            List<GeneratedOrders.TableFiles> tables = new ArrayList<>();
            tables.add(writeCustomers());
            tables.add(writeEmployees());
            tables.add(writeProducts());
            tables.addAll(writeOrders());
            return tables;
        }

        private CsvTableWriter writer(String table) {
            return new CsvTableWriter(directory, table, OrderSources.COLUMNS.get(table), settings.partRows());
        }

        private boolean defective() {
            return settings.defectRate() > 0 && defects.nextDouble() < settings.defectRate();
        }

        /** A defect kind drawn by weight: {@code kinds[i]} with weight {@code weights[i]}. */
        private Defect pickDefect(Defect[] kinds, int[] weights) {
            int total = 0;
            for (int weight : weights) {
                total += weight;
            }
            int draw = defects.nextInt(total);
            for (int i = 0; i < kinds.length; i++) {
                draw -= weights[i];
                if (draw < 0) {
                    return kinds[i];
                }
            }
            throw new IllegalStateException("unreachable");
        }

        private int redeliveryDelay() {
            return 1 + defects.nextInt(500);
        }

        // ---- customers: clean rows for every id; defects are extra rows, so every order's customer exists.

        private GeneratedOrders.TableFiles writeCustomers() {
            int count = settings.customers();
            rates = new double[count + 1];
            dropouts = new float[count + 1];
            Defect[] kinds = {Defect.DUPLICATE, Defect.MISSING_KEY, Defect.BROKEN_LINE};
            int[] weights = {3, 1, 1};
            try (CsvTableWriter out = writer("customers")) {
                for (int id = 1; id <= count; id++) {
                    rates[id] = model.drawRate();
                    dropouts[id] = (float) model.drawDropout();
                    queue.add(model.drawFirstPurchase(), id);
                    customerLine(id);
                    out.write(line, null);
                    if (defective()) {
                        Defect defect = pickDefect(kinds, weights);
                        switch (defect) {
                            case DUPLICATE -> out.redeliverLater(line, redeliveryDelay());
                            case MISSING_KEY -> {
                                line.replace(0, "");
                                out.write(line, defect);
                            }
                            default -> {
                                line.truncate(line.fieldCount() - 3);
                                out.write(line, defect);
                            }
                        }
                    }
                }
                return out.finish();
            }
        }

        private void customerLine(long id) {
            String first = Profiles.firstName(seed, id);
            String last = Profiles.lastName(seed, id);
            Profiles.Address address = Profiles.address(seed, id);
            line.clear();
            line.field(id)
                    .field(last)
                    .field(first)
                    .field(Profiles.email(seed, id, first, last))
                    .field(Profiles.pick(Profiles.COMPANIES, seed, id, 11))
                    .field(Profiles.phone(seed, id))
                    .field(address.address1())
                    .empty()
                    .field(address.city())
                    .field(address.state())
                    .field(address.postalCode())
                    .field(address.country());
        }

        // ---- employees: reference data, always clean.

        private GeneratedOrders.TableFiles writeEmployees() {
            long employeeSeed = seed + 1_000_003;
            try (CsvTableWriter out = writer("employees")) {
                for (int id = 1; id <= settings.employees(); id++) {
                    String first = Profiles.firstName(employeeSeed, id);
                    String last = Profiles.lastName(employeeSeed, id);
                    Profiles.Address address = Profiles.address(employeeSeed, id);
                    line.clear();
                    line.field(id)
                            .field(last)
                            .field(first)
                            .field(Profiles.email(employeeSeed, id, first, last))
                            .field(Profiles.phone(employeeSeed, id))
                            .field(address.address1())
                            .empty()
                            .field(address.city())
                            .field(address.state())
                            .field(address.postalCode())
                            .field(address.country())
                            .field("https://robohash.org/" + Long.toHexString(Profiles.hash(employeeSeed, id, 12))
                                    + ".png?size=50x50&set=set1")
                            .field(
                                    id == 1
                                            ? "Sales Director"
                                            : Profiles.pick(Profiles.JOB_TITLES, employeeSeed, id, 13))
                            .field(Profiles.pick(Profiles.DEPARTMENTS, employeeSeed, id, 14));
                    if (id == 1) {
                        line.empty();
                    } else {
                        line.field(1 + Profiles.pick(employeeSeed, id, 15, Math.min(id - 1, 3)));
                    }
                    out.write(line, null);
                }
                return out.finish();
            }
        }

        // ---- products: clean rows for every id; defects are extra rows with new ids no order item uses.

        private GeneratedOrders.TableFiles writeProducts() {
            int count = settings.products();
            for (int rank = 1; rank <= count; rank++) {
                productByRank[rank] = rank;
            }
            for (int i = count; i > 1; i--) {
                int j = 1 + random.nextInt(i);
                int swap = productByRank[i];
                productByRank[i] = productByRank[j];
                productByRank[j] = swap;
            }
            Defect[] kinds = {Defect.DUPLICATE, Defect.TEXT_IN_NUMBER, Defect.NEGATIVE_NUMBER};
            int[] weights = {2, 1, 1};
            long extraId = count;
            try (CsvTableWriter out = writer("products")) {
                for (int id = 1; id <= count; id++) {
                    long cost = Math.round(Math.exp(Math.log(300) + random.nextDouble() * Math.log(100_000.0 / 300)));
                    long list = Math.round(cost * (1.2 + 0.6 * random.nextDouble()));
                    listPriceCents[id] = list;
                    productLine(id, cost, list);
                    out.write(line, null);
                    if (defective()) {
                        Defect defect = pickDefect(kinds, weights);
                        if (defect == Defect.DUPLICATE) {
                            out.redeliverLater(line, 1 + defects.nextInt(5));
                        } else {
                            line.replace(0, Long.toString(++extraId));
                            line.replace(1, "P" + extraId);
                            if (defect == Defect.TEXT_IN_NUMBER) {
                                line.replace(5, defects.nextBoolean() ? "n/a" : "12.5.0");
                            } else {
                                line.replace(4, "-" + line.get(4));
                            }
                            out.write(line, defect);
                        }
                    }
                }
                return out.finish();
            }
        }

        private void productLine(int id, long cost, long list) {
            String category = Profiles.pick(Profiles.CATEGORIES, seed, id, 20);
            String name = Profiles.pick(Profiles.BRANDS, seed, id, 21) + " " + category + " "
                    + (char) ('A' + Profiles.pick(seed, id, 22, 26)) + (10 + Profiles.pick(seed, id, 23, 990));
            int target = 20 + Profiles.pick(seed, id, 24, 80);
            line.clear();
            line.field(id)
                    .field("P" + id)
                    .field(name)
                    .empty()
                    .cents(cost)
                    .cents(list)
                    .field(target)
                    .field(target / 2 + Profiles.pick(seed, id, 25, target / 2 + 1))
                    .field(5 + Profiles.pick(seed, id, 26, 50))
                    .field(1 + Profiles.pick(seed, id, 27, 100))
                    .field(Profiles.pick(seed, id, 28, 10) == 0 ? 1 : 0)
                    .field(category);
        }

        // ---- orders and their items, in time order.

        private List<GeneratedOrders.TableFiles> writeOrders() {
            Defect[] orderKinds = {
                Defect.DUPLICATE, Defect.UNKNOWN_CUSTOMER, Defect.BAD_DATE, Defect.TEXT_IN_NUMBER, Defect.BROKEN_LINE
            };
            int[] orderWeights = {3, 2, 2, 2, 1};
            Defect[] itemKinds = {
                Defect.DUPLICATE,
                Defect.ORPHAN_ORDER,
                Defect.ORPHAN_PRODUCT,
                Defect.NEGATIVE_NUMBER,
                Defect.TEXT_IN_NUMBER,
                Defect.BAD_DATE,
                Defect.BROKEN_LINE
            };
            int[] itemWeights = {3, 2, 1, 2, 2, 1, 1};
            int products = settings.products();
            int[] chosen = new int[products + 1];
            int[] quantities = new int[products + 1];
            long nextProgress = PROGRESS_EVERY;
            long orderId = 0;
            try (CsvTableWriter orders = writer("orders");
                    CsvTableWriter items = writer("order_details")) {
                while (!queue.isEmpty()) {
                    double time = queue.peekTime();
                    int customer = queue.peekCustomer();
                    queue.poll();
                    orderId++;
                    int day = (int) time;
                    int second = model.secondOfDay(time);
                    orderLine(orderId, customer, day, second);
                    if (defective()) {
                        Defect defect = pickDefect(orderKinds, orderWeights);
                        injectOrderDefect(defect, orders, day);
                    } else {
                        orders.write(line, null);
                    }

                    int itemCount = Math.min(products, 1 + random.nextPoisson(MEAN_EXTRA_ITEMS));
                    int picked = 0;
                    while (picked < itemCount) {
                        int product = productByRank[popularRank()];
                        boolean seen = false;
                        for (int i = 0; i < picked; i++) {
                            seen |= chosen[i] == product;
                        }
                        if (!seen) {
                            quantities[picked] = 1 + random.nextPoisson(1.0);
                            chosen[picked++] = product;
                        }
                    }
                    for (int i = 0; i < picked; i++) {
                        itemLine(orderId, chosen[i], quantities[i], day);
                        if (defective()) {
                            injectItemDefect(pickDefect(itemKinds, itemWeights), items, day);
                        } else {
                            items.write(line, null);
                        }
                    }
                    if (items.rows() >= nextProgress) {
                        progress.rowsWritten("order_details", items.rows());
                        nextProgress += PROGRESS_EVERY;
                    }

                    if (random.nextDouble() >= dropouts[customer]) {
                        double next = model.drawNextPurchase(time, rates[customer]);
                        if (!Double.isNaN(next)) {
                            queue.add(next, customer);
                        }
                    }
                }
                return List.of(orders.finish(), items.finish());
            }
        }

        /**
         * Cumulative Zipf probabilities of ranks 1..n: rank k is bought in proportion to 1 / k^exponent. A table
         * lookup is several times faster than a rejection sampler in the innermost loop.
         */
        private static double[] zipfCumulative(int n, double exponent) {
            double[] cumulative = new double[n];
            double total = 0;
            for (int rank = 1; rank <= n; rank++) {
                total += 1 / Math.pow(rank, exponent);
                cumulative[rank - 1] = total;
            }
            for (int i = 0; i < n; i++) {
                cumulative[i] /= total;
            }
            cumulative[n - 1] = 1.0;
            return cumulative;
        }

        /** A product popularity rank (1 = most popular), Zipf distributed. */
        private int popularRank() {
            int at = java.util.Arrays.binarySearch(popularity, random.nextDouble());
            return (at >= 0 ? at + 1 : -at - 1) + 1;
        }

        private void orderLine(long orderId, int customer, int day, int second) {
            int age = settings.days() - 1 - day;
            String status;
            double draw = random.nextDouble();
            if (age < 2) {
                status = draw < 0.8 ? "New" : "On Hold";
            } else if (age < 10) {
                status = draw < 0.6 ? "Shipped" : draw < 0.85 ? "Complete" : "On Hold";
            } else {
                status = draw < 0.85 ? "Complete" : draw < 0.95 ? "Shipped" : "On Hold";
            }
            boolean shipped = status.equals("Shipped") || status.equals("Complete");
            int shipDays = 1 + random.nextInt(5);
            int payDays = random.nextInt(10);
            long fee = random.nextDouble() < 0.4 ? 0 : 200 + random.nextInt(2300);
            String payment = PAYMENT_TYPES[random.nextInt(PAYMENT_TYPES.length)];
            int employee = 1 + random.nextInt(settings.employees());
            Profiles.Address address = Profiles.address(seed, customer);

            line.clear();
            line.field(orderId).field(employee).field(customer).field(timestamp(day, second));
            if (shipped) {
                line.field(dates[day + shipDays]);
            } else {
                line.empty();
            }
            line.field(Profiles.firstName(seed, customer) + " " + Profiles.lastName(seed, customer))
                    .field(address.address1())
                    .empty()
                    .field(address.city())
                    .field(address.state())
                    .field(address.postalCode())
                    .field(address.country())
                    .cents(fee)
                    .field(payment);
            if (status.equals("Complete")) {
                line.field(dates[day + payDays]);
            } else {
                line.empty();
            }
            line.field(status);
        }

        private String timestamp(int day, int second) {
            two(clock, 0, second / 3600);
            two(clock, 3, second / 60 % 60);
            two(clock, 6, second % 60);
            return dates[day] + " " + new String(clock);
        }

        private static void two(char[] target, int at, int value) {
            target[at] = (char) ('0' + value / 10);
            target[at + 1] = (char) ('0' + value % 10);
        }

        private void injectOrderDefect(Defect defect, CsvTableWriter orders, int day) {
            String year = dates[day].substring(0, 4);
            switch (defect) {
                case DUPLICATE -> {
                    orders.write(line, null);
                    orders.redeliverLater(line, redeliveryDelay());
                    return;
                }
                case UNKNOWN_CUSTOMER -> line.replace(2, Long.toString(UNKNOWN_ID_BASE + ++unknownIds));
                case BAD_DATE ->
                    line.replace(
                            3,
                            switch (defects.nextInt(4)) {
                                case 0 -> year + "-02-30 10:15:00";
                                case 1 -> year + "-13-01";
                                case 2 -> "31/12/" + year;
                                default -> "not a date";
                            });
                case TEXT_IN_NUMBER -> {
                    if (defects.nextInt(4) == 0) {
                        line.replace(1, "unassigned");
                    } else {
                        line.replace(12, defects.nextBoolean() ? "n/a" : "12.5.0");
                    }
                }
                case BROKEN_LINE -> breakLine(orders, 6, 12);
                default -> throw new IllegalStateException("not an order defect: " + defect);
            }
            orders.write(line, defect);
        }

        private void itemLine(long orderId, int product, int quantity, int day) {
            long price = listPriceCents[product];
            long discount =
                    random.nextDouble() < 0.7 ? 0 : Math.round(price * quantity * (0.02 + 0.13 * random.nextDouble()));
            line.clear();
            line.field(orderId)
                    .field(product)
                    .field(quantity)
                    .cents(price)
                    .cents(discount)
                    .field(DETAIL_STATUSES[random.nextInt(DETAIL_STATUSES.length)])
                    .field(dates[day + random.nextInt(3)]);
        }

        private void injectItemDefect(Defect defect, CsvTableWriter items, int day) {
            switch (defect) {
                case DUPLICATE -> {
                    items.write(line, null);
                    items.redeliverLater(line, redeliveryDelay());
                    return;
                }
                case ORPHAN_ORDER -> line.replace(0, Long.toString(ORPHAN_ORDER_ID_BASE + ++orphanOrderIds));
                case ORPHAN_PRODUCT -> line.replace(1, Long.toString(UNKNOWN_ID_BASE + ++unknownIds));
                case NEGATIVE_NUMBER -> {
                    if (defects.nextInt(4) == 0) {
                        line.replace(3, "-" + line.get(3));
                    } else {
                        line.replace(2, "-" + line.get(2));
                    }
                }
                case TEXT_IN_NUMBER -> {
                    if (defects.nextBoolean()) {
                        line.replace(2, defects.nextBoolean() ? "two" : "3 pcs");
                    } else {
                        line.replace(3, line.get(3) + "O");
                    }
                }
                case BAD_DATE ->
                    line.replace(6, defects.nextBoolean() ? dates[day].substring(0, 4) + "-02-30" : "soon");
                case BROKEN_LINE -> breakLine(items, 5, 5);
                default -> throw new IllegalStateException("not an order item defect: " + defect);
            }
            items.write(line, defect);
        }

        /**
         * Breaks the current line: usually a record with too few fields ({@code keepFields}); now and then an
         * unterminated quote opening field {@code quoteField} (at most one per 100,000 lines of a table).
         */
        private void breakLine(CsvTableWriter out, int quoteField, int keepFields) {
            if (out.linesSinceUnterminatedQuote() >= LINES_BETWEEN_UNTERMINATED_QUOTES && defects.nextInt(3) == 0) {
                out.markUnterminatedQuote();
                line.replace(quoteField, "\"" + line.get(quoteField));
            } else {
                line.truncate(keepFields);
            }
        }
    }
}
