package io.shoplake.pipelines.orders.generator;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * What {@link OrdersGenerator} produces: sizes, time span, seed and the share of defective rows.
 *
 * @param customers number of customers (each places at least one order)
 * @param employees number of employees (sales staff taking orders)
 * @param products number of products
 * @param days length of the order history in days, starting at {@code start}
 * @param start first day of the order history
 * @param seed random seed: the same settings give byte-identical files
 * @param defectRate share of order and order-item rows carrying an injected defect, and extra defective rows in
 *     customers and products as a share of their rows; 0 gives clean data
 * @param partRows split each table into files of at most this many data rows ({@code <table>-0001.csv}, ...);
 *     0 writes one {@code <table>.csv} per table
 */
public record OrdersGeneratorSettings(
        int customers,
        int employees,
        int products,
        int days,
        LocalDate start,
        long seed,
        double defectRate,
        long partRows) {

    public static final int DEFAULT_CUSTOMERS = 1_000;
    public static final int DEFAULT_EMPLOYEES = 20;
    public static final int DEFAULT_PRODUCTS = 200;
    public static final int DEFAULT_DAYS = 365;
    public static final LocalDate DEFAULT_START = LocalDate.of(2025, 1, 1);
    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_DEFECT_RATE = 0.01;

    public OrdersGeneratorSettings {
        atLeast("customers", customers, 1);
        atLeast("employees", employees, 1);
        atLeast("products", products, 1);
        atLeast("days", days, 1);
        requireNonNull(start, "start is null");
        if (!(defectRate >= 0 && defectRate <= 0.5)) {
            throw new IllegalArgumentException("defect rate must be between 0 and 0.5, was: " + defectRate);
        }
        if (partRows < 0) {
            throw new IllegalArgumentException(
                    "part rows must be 0 (one file per table) or positive, was: " + partRows);
        }
        if (customers > 100_000_000) {
            throw new IllegalArgumentException("customers must be at most 100000000, was: " + customers);
        }
    }

    /** The defaults: 1,000 customers, 20 employees, 200 products, 365 days from 2025-01-01, seed 42, 1% defects. */
    public static OrdersGeneratorSettings defaults() {
        return new OrdersGeneratorSettings(
                DEFAULT_CUSTOMERS,
                DEFAULT_EMPLOYEES,
                DEFAULT_PRODUCTS,
                DEFAULT_DAYS,
                DEFAULT_START,
                DEFAULT_SEED,
                DEFAULT_DEFECT_RATE,
                0);
    }

    public OrdersGeneratorSettings withCustomers(int value) {
        return new OrdersGeneratorSettings(value, employees, products, days, start, seed, defectRate, partRows);
    }

    public OrdersGeneratorSettings withDays(int value) {
        return new OrdersGeneratorSettings(customers, employees, products, value, start, seed, defectRate, partRows);
    }

    public OrdersGeneratorSettings withSeed(long value) {
        return new OrdersGeneratorSettings(customers, employees, products, days, start, value, defectRate, partRows);
    }

    public OrdersGeneratorSettings withDefectRate(double value) {
        return new OrdersGeneratorSettings(customers, employees, products, days, start, seed, value, partRows);
    }

    public OrdersGeneratorSettings withStart(LocalDate value) {
        return new OrdersGeneratorSettings(customers, employees, products, days, value, seed, defectRate, partRows);
    }

    public OrdersGeneratorSettings withProducts(int value) {
        return new OrdersGeneratorSettings(customers, employees, value, days, start, seed, defectRate, partRows);
    }

    public OrdersGeneratorSettings withPartRows(long value) {
        return new OrdersGeneratorSettings(customers, employees, products, days, start, seed, defectRate, value);
    }

    private static void atLeast(String name, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", was: " + value);
        }
    }
}
