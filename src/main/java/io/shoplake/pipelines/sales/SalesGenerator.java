package io.shoplake.pipelines.sales;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates sales for members, deterministically for a seed: 5 manufacturers, 40 items, and for each member 0 to 6
 * transactions in 2022 of 1 to 4 distinct items, 1 to 5 of each; about 1 in 20 transactions is cancelled.
 */
public final class SalesGenerator {

    static final String[] MANUFACTURERS = {"Acme", "Globex", "Initech", "Umbrella", "Stark"};
    static final String[] PRODUCTS = {"Kettle", "Lamp", "Backpack", "Headphones", "Blender", "Chair", "Mug", "Tent"};
    static final String[] STATUSES = {"placed", "packed", "shipped", "delivered"};
    static final Instant START = Instant.parse("2022-01-01T00:00:00Z");

    private SalesGenerator() {}

    /**
     * Sales for the first {@code count} members in (membership id, email) order.
     *
     * @throws IllegalArgumentException when {@code count} is below 1 or above the members there are
     */
    public static SalesData generate(List<SalesData.Member> members, int count, long seed) {
        if (count < 1 || count > members.size()) {
            throw new IllegalArgumentException("--members must be between 1 and the " + members.size()
                    + " members in gold.members, was: " + count);
        }
        List<SalesData.Member> chosen = members.stream()
                .sorted(Comparator.comparing(SalesData.Member::membershipId).thenComparing(SalesData.Member::email))
                .limit(count)
                .toList();
        SplittableRandom random = new SplittableRandom(seed);
        List<SalesData.Manufacturer> manufacturers = new ArrayList<>();
        for (int i = 0; i < MANUFACTURERS.length; i++) {
            manufacturers.add(new SalesData.Manufacturer(i + 1, MANUFACTURERS[i]));
        }
        List<SalesData.Item> items = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long manufacturer = 1 + i % MANUFACTURERS.length;
            String name = PRODUCTS[i % PRODUCTS.length] + " " + (char) ('A' + i / PRODUCTS.length);
            items.add(new SalesData.Item(
                    i + 1,
                    name,
                    manufacturer,
                    BigDecimal.valueOf(random.nextInt(199, 50_000), 2),
                    BigDecimal.valueOf(random.nextInt(50, 25_000), 3)));
        }
        List<SalesData.Transaction> transactions = new ArrayList<>();
        List<SalesData.Line> lines = new ArrayList<>();
        long nextId = 1;
        for (SalesData.Member member : chosen) {
            int purchases = random.nextInt(0, 7);
            for (int p = 0; p < purchases; p++) {
                long id = nextId++;
                Map<Long, Integer> basket = new LinkedHashMap<>();
                int distinct = random.nextInt(1, 5);
                while (basket.size() < distinct) {
                    basket.putIfAbsent(items.get(random.nextInt(items.size())).itemId(), random.nextInt(1, 6));
                }
                BigDecimal price = BigDecimal.ZERO.setScale(2);
                BigDecimal weight = BigDecimal.ZERO.setScale(3);
                for (var entry : basket.entrySet()) {
                    SalesData.Item item = items.get((int) (entry.getKey() - 1));
                    lines.add(new SalesData.Line(id, item.itemId(), entry.getValue(), item.cost(), item.weightKg()));
                    price = price.add(item.cost().multiply(BigDecimal.valueOf(entry.getValue())));
                    weight = weight.add(item.weightKg().multiply(BigDecimal.valueOf(entry.getValue())));
                }
                String status = random.nextInt(20) == 0 ? "cancelled" : STATUSES[random.nextInt(STATUSES.length)];
                transactions.add(new SalesData.Transaction(
                        id,
                        member.membershipId(),
                        member.email(),
                        START.plusSeconds(random.nextLong(365L * 24 * 3600)),
                        status,
                        price.setScale(2, RoundingMode.UNNECESSARY),
                        weight.setScale(3, RoundingMode.UNNECESSARY)));
            }
        }
        return new SalesData(chosen, manufacturers, items, transactions, lines);
    }
}
