package io.shoplake.pipelines.industries.generator;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.UUID;

/**
 * Generates orders of the industries brief as JSON Lines, deterministically for a seed: per day a uniform number of
 * orders at uniform times (in time order), each from a uniform customer with 1-N lines of uniform products at their
 * list price and a volume of 1-100; the amount is the lines' total. Optional defects, one per defective order: a
 * duplicate delivery, an amount that does not add up, a negative volume, a missing customer_id, a cut-off line.
 */
public final class IndustryOrdersGenerator implements Iterable<String> {

    /** A product and its list price. */
    public record Product(String productId, BigDecimal price) {
        public Product {
            requireNonNull(productId, "productId is null");
            requireNonNull(price, "price is null");
        }
    }

    /** The defects an order may carry. */
    public enum Defect {
        DUPLICATE,
        AMOUNT_MISMATCH,
        NEGATIVE_VOLUME,
        MISSING_CUSTOMER,
        BROKEN_JSON
    }

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> customers;
    private final List<Product> products;
    private final OrdersGeneratorSettings settings;

    public IndustryOrdersGenerator(List<String> customers, List<Product> products, OrdersGeneratorSettings settings) {
        this.customers = List.copyOf(requireNonNull(customers, "customers is null"));
        this.products = List.copyOf(requireNonNull(products, "products is null"));
        this.settings = requireNonNull(settings, "settings is null");
        if (this.customers.isEmpty()) {
            throw new IllegalArgumentException("the generator needs at least one customer");
        }
        if (this.products.isEmpty()) {
            throw new IllegalArgumentException("the generator needs at least one product");
        }
    }

    /** Customer ids: the first column of a customers CSV with a header line. */
    public static List<String> readCustomers(Path file) {
        return dataLines(file).stream()
                .map(line -> fields(line)[0].trim())
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** Products: the first column (product_id) and the last (price) of a products CSV with a header line. */
    public static List<Product> readProducts(Path file) {
        List<Product> products = new ArrayList<>();
        for (String line : dataLines(file)) {
            String[] f = fields(line);
            try {
                products.add(new Product(f[0].trim(), new BigDecimal(f[f.length - 1].trim())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": the last column must be a price, was: " + line);
            }
        }
        return products;
    }

    /** Writes every order line to {@code out}; returns the number of lines. */
    public long write(Path out) {
        long count = 0;
        try {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                for (String line : this) {
                    writer.write(line);
                    writer.write('\n');
                    count++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        return count;
    }

    @Override
    public Iterator<String> iterator() {
        return new Iterator<>() {
            private final Random random = new Random(settings.seed());
            private LocalDate day = settings.from();
            private final List<String> pending = new ArrayList<>();
            private int next;

            @Override
            public boolean hasNext() {
                while (next >= pending.size() && !day.isAfter(settings.to())) {
                    pending.clear();
                    next = 0;
                    pending.addAll(day(random, day));
                    day = day.plusDays(1);
                }
                return next < pending.size();
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return pending.get(next++);
            }
        };
    }

    private List<String> day(Random random, LocalDate date) {
        int orders = settings.minOrdersPerDay()
                + random.nextInt(settings.maxOrdersPerDay() - settings.minOrdersPerDay() + 1);
        long[] micros = new long[orders];
        for (int i = 0; i < orders; i++) {
            micros[i] = (long) (random.nextDouble() * 86_400_000_000L);
        }
        Arrays.sort(micros);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            LocalDateTime at = date.atStartOfDay().plusNanos(micros[i] * 1000);
            lines.addAll(order(random, at));
        }
        return lines;
    }

    private List<String> order(Random random, LocalDateTime at) {
        UUID orderId = new UUID(random.nextLong(), random.nextLong());
        String customer = customers.get(random.nextInt(customers.size()));
        int lineCount = settings.minLines() + random.nextInt(settings.maxLines() - settings.minLines() + 1);
        ObjectNode order = JSON.createObjectNode();
        order.put("order_id", orderId.toString());
        order.put("customer_id", customer);
        ArrayNode lines = order.putArray("order_lines");
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < lineCount; i++) {
            Product product = products.get(random.nextInt(products.size()));
            int volume = 1 + random.nextInt(100);
            ObjectNode line = lines.addObject();
            line.put("product_id", product.productId());
            line.put("volume", volume);
            line.put("price", product.price());
            total = total.add(product.price().multiply(BigDecimal.valueOf(volume)));
        }
        order.put("amount", total.setScale(2, RoundingMode.HALF_UP));
        boolean withOffset = random.nextDouble() < settings.offsetShare();
        if (withOffset) {
            int hours = random.nextInt(25) - 12;
            ZoneOffset offset = ZoneOffset.ofHours(hours);
            String local = MICROS.format(
                    at.atOffset(ZoneOffset.UTC).withOffsetSameInstant(offset).toLocalDateTime());
            order.put("timestamp", local + offset.getId().replace("Z", "+00:00"));
        } else {
            order.put("timestamp", MICROS.format(at));
        }
        Defect defect = null;
        if (random.nextDouble() < settings.defectRate()) {
            defect = Defect.values()[random.nextInt(Defect.values().length)];
        }
        if (defect == Defect.AMOUNT_MISMATCH) {
            order.put(
                    "amount",
                    total.add(BigDecimal.valueOf(1 + random.nextInt(50))).setScale(2, RoundingMode.HALF_UP));
        } else if (defect == Defect.NEGATIVE_VOLUME) {
            ObjectNode first = (ObjectNode) lines.get(0);
            int volume = first.get("volume").asInt();
            first.put("volume", -volume);
            order.put(
                    "amount",
                    total.subtract(first.get("price").decimalValue().multiply(BigDecimal.valueOf(2L * volume)))
                            .setScale(2, RoundingMode.HALF_UP));
        } else if (defect == Defect.MISSING_CUSTOMER) {
            order.remove("customer_id");
        }
        String text = json(order);
        if (defect == Defect.BROKEN_JSON) {
            return List.of(text.substring(0, text.length() / 2));
        }
        if (defect == Defect.DUPLICATE) {
            return List.of(text, text);
        }
        return List.of(text);
    }

    private static String json(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an order as JSON", e);
        }
    }

    private static List<String> dataLines(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.size() <= 1
                    ? List.of()
                    : lines.subList(1, lines.size()).stream()
                            .filter(l -> !l.isBlank())
                            .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Splits a CSV line at commas outside double quotes (the quotes are removed). */
    private static String[] fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields.toArray(String[]::new);
    }
}
