package io.shoplake.pipelines.sales;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A sales data set as the sales database holds it: members, manufacturers, items, transactions and their lines. */
public record SalesData(
        List<Member> members,
        List<Manufacturer> manufacturers,
        List<Item> items,
        List<Transaction> transactions,
        List<Line> lines) {

    public SalesData {
        members = List.copyOf(requireNonNull(members, "members is null"));
        manufacturers = List.copyOf(requireNonNull(manufacturers, "manufacturers is null"));
        items = List.copyOf(requireNonNull(items, "items is null"));
        transactions = List.copyOf(requireNonNull(transactions, "transactions is null"));
        lines = List.copyOf(requireNonNull(lines, "lines is null"));
    }

    /** A member of gold.members; {@code membershipId} and {@code email} together identify them. */
    public record Member(
            String membershipId,
            String email,
            String firstName,
            String lastName,
            LocalDate dateOfBirth,
            String mobileNo) {}

    public record Manufacturer(long manufacturerId, String name) {}

    public record Item(long itemId, String name, long manufacturerId, BigDecimal cost, BigDecimal weightKg) {}

    /** A purchase; its totals are the sums of its lines. */
    public record Transaction(
            long transactionId,
            String membershipId,
            String email,
            Instant purchasedAt,
            String status,
            BigDecimal totalPrice,
            BigDecimal totalWeightKg) {}

    /** One item of a purchase, with the item's price and weight at the time of sale. */
    public record Line(long transactionId, long itemId, int quantity, BigDecimal unitPrice, BigDecimal unitWeightKg) {}
}
