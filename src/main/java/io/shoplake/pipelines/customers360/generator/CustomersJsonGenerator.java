package io.shoplake.pipelines.customers360.generator;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * Writes a day's customer export, streamed (any size in a small heap) and deterministic: every value is a hash of
 * the seed, the customer and the day. The population slides by 2% a day (the oldest ids leave, new ids arrive), each
 * customer's name and email change once every 40 days, purchases arrive on a per-customer rhythm and product names
 * change every 60 days; so day D+1 repeats most customers, some changed, some new, some gone.
 */
public final class CustomersJsonGenerator {

    /** The defects, one per defective customer, each chosen by hash. */
    public enum Defect {
        LAST_PURCHASE_BEFORE_SIGNUP,
        LAST_PURCHASE_BEFORE_TRANSACTION,
        TOTAL_SPENT_MISMATCH,
        INVALID_EMAIL,
        DUPLICATE_TRANSACTION_ID,
        NULL_ID,
        NULL_EMAIL,
        WRONG_TYPE_TOTAL_SPENT,
        WRONG_TYPE_AMOUNT,
        FUTURE_TRANSACTION_DATE
    }

    /** How many of each thing a file holds, for tests and progress lines. */
    public record Written(long customers, long transactions, long defects, long bytes) {}

    static final int NAME_PERIOD_DAYS = 40;
    static final int PRODUCT_NAME_PERIOD_DAYS = 60;
    private static final String[] FIRST = {
        "Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Keiko", "Liam", "Maya",
        "Noor", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tara"
    };
    private static final String[] LAST = {
        "Adams",
        "Berg",
        "Costa",
        "Dubois",
        "Eriksen",
        "Fischer",
        "Garcia",
        "Haddad",
        "Ito",
        "Jensen",
        "Kowalski",
        "Lopez",
        "Moreau",
        "Novak",
        "Okafor",
        "Petrov",
        "Rossi",
        "Silva",
        "Tanaka",
        "Weber"
    };
    private static final String[] DOMAINS = {"example.com", "mail.example.org", "shop.example.net"};
    private static final String[] PRODUCT_WORDS = {
        "Kettle",
        "Lamp",
        "Backpack",
        "Headphones",
        "Blender",
        "Mug",
        "Jacket",
        "Sneakers",
        "Tent",
        "Watch",
        "Desk",
        "Chair",
        "Scarf",
        "Bottle",
        "Speaker"
    };
    private static final String[] PRODUCT_STYLES = {"Classic", "Pro", "Eco", "Lite", "Max", "Plus"};

    private final CustomersJsonSettings settings;
    private final long dayIndex;
    private final long churnPerDay;

    public CustomersJsonGenerator(CustomersJsonSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
        this.dayIndex = ChronoUnit.DAYS.between(CustomersJsonSettings.FIRST_DAY, settings.day());
        this.churnPerDay = Math.max(1, settings.customers() / 50);
    }

    /** Writes the export to {@code file} (replaced); {@code progress} hears the customers written so far. */
    public Written write(Path file, LongConsumer progress) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Written written;
        try (OutputStream out = Files.newOutputStream(file)) {
            written = write(out, progress);
        }
        if (settings.truncated()) {
            // An interrupted export: the file ends in the middle of a record about two thirds in.
            long cut = Math.max(1, written.bytes() * 2 / 3);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(cut);
            }
            return new Written(written.customers(), written.transactions(), written.defects(), cut);
        }
        return written;
    }

    /** Writes the complete export to {@code out}. */
    public Written write(OutputStream out, LongConsumer progress) throws IOException {
        long transactions = 0;
        long defects = 0;
        CountingStream counting = new CountingStream(out);
        try (JsonGenerator json = new JsonFactory().createGenerator(counting, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("exported_on", settings.day().toString());
            json.writeArrayFieldStart("customers");
            long first = dayIndex * churnPerDay;
            for (long k = 0; k < settings.customers(); k++) {
                long id = 100_000 + first + k;
                Customer customer = customer(id);
                transactions += customer.transactions().size();
                if (customer.defect() != null) {
                    defects++;
                }
                writeCustomer(json, customer);
                json.writeRaw('\n');
                if ((k + 1) % 100_000 == 0) {
                    progress.accept(k + 1);
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        progress.accept(settings.customers());
        return new Written(settings.customers(), transactions, defects, counting.count);
    }

    record Transaction(long id, LocalDate date, BigDecimal amount, long productId, String productName) {}

    record Customer(
            long id,
            String name,
            String email,
            LocalDate signup,
            LocalDate lastPurchase,
            BigDecimal totalSpent,
            List<Transaction> transactions,
            Defect defect) {}

    /** Customer {@code id} as the export of the settings' day shows it (before any defect is applied). */
    Customer customer(long id) {
        LocalDate day = settings.day();
        // A customer arrives in the export on the day the sliding window reaches it; it signed up before that.
        long arrivalIndex = Math.floorDiv(id - 100_000 - settings.customers() + 1, churnPerDay);
        LocalDate arrival = CustomersJsonSettings.FIRST_DAY.plusDays(arrivalIndex);
        LocalDate signup = arrival.minusDays(1 + bounded(id, 1, 400));
        int gap = 7 + (int) bounded(id, 2, 54);
        long epoch = day.toEpochDay();
        int version = (int) Math.floorDiv(epoch + bounded(id, 3, NAME_PERIOD_DAYS), NAME_PERIOD_DAYS);
        String first = FIRST[(int) bounded(id, 4 + version, FIRST.length)];
        String last = LAST[(int) bounded(id, 5, LAST.length)];
        String name = first + " " + last;
        String email = first.toLowerCase(Locale.ROOT) + "." + last.toLowerCase(Locale.ROOT) + "." + id
                + (version % 2 == 0 ? "" : "+" + version) + "@" + DOMAINS[(int) bounded(id, 6, DOMAINS.length)];
        List<Transaction> transactions = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        LocalDate lastPurchase = signup;
        for (int j = 0; ; j++) {
            LocalDate date = signup.plusDays(1 + (long) j * gap);
            if (date.isAfter(day)) {
                break;
            }
            long productId = 1 + bounded(id * 1_000 + j, 7, products());
            BigDecimal amount = BigDecimal.valueOf(200 + bounded(id * 1_000 + j, 8, 19_800), 2);
            transactions.add(new Transaction(id * 1_000 + j, date, amount, productId, productName(productId, date)));
            total = total.add(amount);
            lastPurchase = date;
        }
        Defect defect = null;
        if (unit(id, 9 + epoch) < settings.defectRate()) {
            defect = Defect.values()[(int) bounded(id, 10 + epoch, Defect.values().length)];
        }
        return new Customer(id, name, email, signup, lastPurchase, total, transactions, defect);
    }

    private long products() {
        return 20 + settings.customers() / 20;
    }

    /** A product's name on a date: a word and a style, the style changing every 60 days. */
    static String productName(long productId, LocalDate date) {
        long period = Math.floorDiv(date.toEpochDay() + productId * 7, PRODUCT_NAME_PERIOD_DAYS);
        return PRODUCT_WORDS[(int) Math.floorMod(productId, PRODUCT_WORDS.length)] + " "
                + PRODUCT_STYLES[(int) Math.floorMod(productId + period, PRODUCT_STYLES.length)];
    }

    private void writeCustomer(JsonGenerator json, Customer c) throws IOException {
        Defect defect = c.defect();
        LocalDate lastPurchase = c.lastPurchase();
        BigDecimal total = c.totalSpent();
        if (defect == Defect.LAST_PURCHASE_BEFORE_SIGNUP) {
            lastPurchase = c.signup().minusDays(3);
        } else if (defect == Defect.LAST_PURCHASE_BEFORE_TRANSACTION) {
            lastPurchase = lastPurchase.minusDays(2);
        } else if (defect == Defect.TOTAL_SPENT_MISMATCH) {
            total = total.add(BigDecimal.TEN);
        }
        json.writeStartObject();
        if (defect == Defect.NULL_ID) {
            json.writeNullField("id");
        } else {
            json.writeNumberField("id", c.id());
        }
        json.writeStringField("name", c.name());
        if (defect == Defect.NULL_EMAIL) {
            json.writeNullField("email");
        } else if (defect == Defect.INVALID_EMAIL) {
            json.writeStringField("email", c.email().replace('@', '.'));
        } else {
            json.writeStringField("email", c.email());
        }
        json.writeStringField("signup_date", c.signup().toString());
        json.writeStringField("last_purchase", lastPurchase.toString());
        if (defect == Defect.WRONG_TYPE_TOTAL_SPENT) {
            json.writeStringField("total_spent", "unknown");
        } else {
            json.writeNumberField("total_spent", total);
        }
        json.writeArrayFieldStart("transactions");
        List<Transaction> transactions = c.transactions();
        for (int i = 0; i < transactions.size(); i++) {
            Transaction t = transactions.get(i);
            boolean lastOne = i == transactions.size() - 1;
            LocalDate date = defect == Defect.FUTURE_TRANSACTION_DATE && lastOne
                    ? settings.day().plusDays(30)
                    : t.date();
            writeTransaction(json, t, date, defect == Defect.WRONG_TYPE_AMOUNT && lastOne);
            if (defect == Defect.DUPLICATE_TRANSACTION_ID && lastOne) {
                writeTransaction(json, t, date, false);
            }
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeTransaction(JsonGenerator json, Transaction t, LocalDate date, boolean amountAsBoolean)
            throws IOException {
        json.writeStartObject();
        json.writeNumberField("transaction_id", t.id());
        json.writeStringField("date", date.toString());
        if (amountAsBoolean) {
            json.writeBooleanField("amount", true);
        } else {
            json.writeNumberField("amount", t.amount());
        }
        json.writeNumberField("product_id", t.productId());
        json.writeStringField("product_name", t.productName());
        json.writeEndObject();
    }

    /** A value in {@code [0, bound)} from the seed, a key and a salt. */
    private long bounded(long key, long salt, long bound) {
        return Math.floorMod(mix(settings.seed(), key, salt), bound);
    }

    private double unit(long key, long salt) {
        return (mix(settings.seed(), key, salt) >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64 over the three inputs: cheap, well spread, the same everywhere. */
    static long mix(long seed, long key, long salt) {
        long z = seed * 0x9E3779B97F4A7C15L + key * 0xBF58476D1CE4E5B9L + salt * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
