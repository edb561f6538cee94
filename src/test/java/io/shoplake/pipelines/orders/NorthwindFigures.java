package io.shoplake.pipelines.orders;

import io.shoplake.testing.SharedData;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The order-pattern figures computed straight from the Northwind CSV files with plain Java (java.time, no Spark),
 * to check the Spark report against. The files have no quoted fields, so a comma split reads them.
 */
record NorthwindFigures(
        long orders,
        Map<String, Long> ordersByWeekday,
        List<String> busiestWeekdays,
        long busiestWeekdayOrders,
        Map<String, Long> firstOrderProducts,
        long gaps,
        double mean,
        double median,
        double p25,
        double p75,
        double meanOfCustomerMeans,
        long duplicates) {

    record Order(long id, long customer, LocalDate date) {}

    static List<String[]> rows(String file) throws IOException {
        List<String> lines = Files.readAllLines(SharedData.require("northwind-orders/" + file));
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(line.split(",", -1));
            }
        }
        return rows;
    }

    static NorthwindFigures compute(LocalDate asOf) throws IOException {
        List<Order> orders = new ArrayList<>();
        for (String[] row : rows("orders.csv")) {
            LocalDate date = LocalDate.parse(row[3]);
            if (!date.isAfter(asOf)) {
                orders.add(new Order(Long.parseLong(row[0]), Long.parseLong(row[2]), date));
            }
        }
        Map<String, Long> byWeekday = new LinkedHashMap<>();
        for (String day : List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")) {
            byWeekday.put(day, 0L);
        }
        for (Order order : orders) {
            String day = order.date().getDayOfWeek().toString();
            String name = day.charAt(0) + day.substring(1).toLowerCase();
            byWeekday.merge(name, 1L, Long::sum);
        }
        long most = byWeekday.values().stream().max(Long::compare).orElse(0L);
        List<String> busiest = byWeekday.entrySet().stream()
                .filter(e -> e.getValue() == most)
                .map(Map.Entry::getKey)
                .toList();

        Map<Long, List<Order>> byCustomer = new TreeMap<>();
        for (Order order : orders) {
            byCustomer.computeIfAbsent(order.customer(), c -> new ArrayList<>()).add(order);
        }
        TreeSet<Long> firstOrderIds = new TreeSet<>();
        List<Long> gaps = new ArrayList<>();
        List<Double> customerMeans = new ArrayList<>();
        long duplicates = 0;
        for (List<Order> list : byCustomer.values()) {
            list.sort(Comparator.comparing(Order::date).thenComparing(Order::id));
            LocalDate first = list.get(0).date();
            LocalDate last = list.get(list.size() - 1).date();
            long onLast = 0;
            for (Order order : list) {
                if (order.date().equals(first)) {
                    firstOrderIds.add(order.id());
                }
                if (order.date().equals(last)) {
                    onLast++;
                }
            }
            duplicates += onLast - 1;
            long customerSum = 0;
            for (int i = 1; i < list.size(); i++) {
                long gap = ChronoUnit.DAYS.between(
                        list.get(i - 1).date(), list.get(i).date());
                gaps.add(gap);
                customerSum += gap;
            }
            if (list.size() > 1) {
                customerMeans.add((double) customerSum / (list.size() - 1));
            }
        }

        Map<String, String> productNames = new HashMap<>();
        for (String[] row : rows("products.csv")) {
            productNames.put(row[0], row[2]);
        }
        Map<String, Long> productLines = new TreeMap<>();
        for (String[] row : rows("order_details.csv")) {
            if (firstOrderIds.contains(Long.parseLong(row[0]))) {
                productLines.merge(productNames.get(row[1]), 1L, Long::sum);
            }
        }
        long top = productLines.values().stream().max(Long::compare).orElse(0L);
        Map<String, Long> topProducts = new TreeMap<>();
        productLines.forEach((name, count) -> {
            if (count == top) {
                topProducts.put(name, count);
            }
        });

        long[] sorted = gaps.stream().mapToLong(Long::longValue).sorted().toArray();
        double mean = gaps.stream().mapToLong(Long::longValue).sum() / (double) sorted.length;
        double meanOfMeans =
                customerMeans.stream().mapToDouble(Double::doubleValue).sum() / customerMeans.size();
        return new NorthwindFigures(
                orders.size(),
                byWeekday,
                busiest,
                most,
                topProducts,
                sorted.length,
                round(mean),
                numpyQuantile(sorted, 0.5),
                numpyQuantile(sorted, 0.25),
                numpyQuantile(sorted, 0.75),
                round(meanOfMeans),
                duplicates);
    }

    /** numpy.quantile's default ("linear"): position (n - 1) p between the two order statistics around it. */
    static double numpyQuantile(long[] sorted, double p) {
        double position = (sorted.length - 1) * p;
        int below = (int) position;
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    static double round(double value) {
        return new BigDecimal(Double.toString(value))
                .setScale(2, RoundingMode.HALF_UP)
                .doubleValue();
    }
}
