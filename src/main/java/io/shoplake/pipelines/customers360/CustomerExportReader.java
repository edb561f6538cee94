package io.shoplake.pipelines.customers360;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Streams one customer export ({@code {"customers": [ {...}, ... ]}}) record by record with Jackson's
 * {@link JsonParser}: memory holds one customer record and a read-ahead buffer, never the document, so a 10 GB export
 * reads in a small heap. Each record comes out as the exact bytes received. A break in the document (a truncated
 * file, a syntax error) ends the read: the records before it are delivered and the break is reported, never thrown.
 */
public final class CustomerExportReader {

    /** The longest piece of a broken record kept in the report (the rest is counted, not kept). */
    static final int BROKEN_TEXT_LIMIT = 4_096;

    private static final JsonFactory JSON = JsonFactory.builder()
            // One customer may be large (many transactions); the document itself is never held as one value.
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(64 * 1024 * 1024)
                    .build())
            .build();

    /** One customer record as received. */
    public record Record(long position, long byteOffset, String rawJson) {
        public Record {
            requireNonNull(rawJson, "rawJson is null");
        }
    }

    /** Where the document broke: the position of the record that did not finish, its byte offset, and why. */
    public record Break(long position, long byteOffset, String partialText, String reason) {
        public Break {
            requireNonNull(partialText, "partialText is null");
            requireNonNull(reason, "reason is null");
        }
    }

    /**
     * What a read found: records delivered, bytes read, the break if any, and the fields seen: {@code name -> JSON
     * type -> count}, with transaction fields as {@code transactions[].name}.
     */
    public record Summary(long records, long bytes, Optional<Break> broken, Map<String, Map<String, Long>> fields) {
        public Summary {
            requireNonNull(broken, "broken is null");
            fields = Map.copyOf(fields);
        }
    }

    private CustomerExportReader() {}

    /**
     * Reads {@code file}, handing each complete customer record to {@code sink}. A document that is not an object
     * with a {@code customers} array is an {@link IllegalArgumentException} before any record is delivered.
     */
    public static Summary read(Path file, Consumer<Record> sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, sink);
        }
    }

    /** As {@link #read(Path, Consumer)}, from a stream (which the caller closes). */
    public static Summary read(InputStream input, Consumer<Record> sink) throws IOException {
        RecordingInputStream in = new RecordingInputStream(new BufferedInputStream(input, 1 << 16));
        Map<String, Map<String, Long>> fields = new TreeMap<>();
        long records = 0;
        long recordStart = -1;
        try (JsonParser parser = JSON.createParser(in)) {
            seekCustomersArray(parser);
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new JsonParseException(parser, "end of file inside the customers array");
                }
                recordStart = parser.currentTokenLocation().getByteOffset();
                in.discardBefore(recordStart);
                if (token != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    long end = parser.currentLocation().getByteOffset();
                    sink.accept(new Record(records++, recordStart, in.text(recordStart, end)));
                    recordStart = -1;
                    continue;
                }
                profile(parser, fields);
                long end = parser.currentTokenLocation().getByteOffset() + 1;
                sink.accept(new Record(records++, recordStart, in.text(recordStart, end)));
                recordStart = -1;
            }
            return new Summary(records, in.position(), Optional.empty(), fields);
        } catch (JsonParseException e) {
            long offset = recordStart >= 0 ? recordStart : Math.max(0, in.position());
            String partial = recordStart >= 0 ? in.textFrom(recordStart, BROKEN_TEXT_LIMIT) : "";
            String reason = "document breaks at byte " + e.getLocation().getByteOffset() + " (" + firstLine(e) + "); "
                    + records + " records before the break were loaded, the rest of the file was not";
            return new Summary(
                    records, in.position(), Optional.of(new Break(records, offset, partial, reason)), fields);
        }
    }

    /** Moves the parser into the top-level {@code customers} array, skipping any other top-level field. */
    private static void seekCustomersArray(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("expected a JSON object with a \"customers\" array");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("customers".equals(name)) {
                if (value != JsonToken.START_ARRAY) {
                    throw new IllegalArgumentException("\"customers\" must be an array, was: " + value);
                }
                return;
            }
            parser.skipChildren();
        }
        throw new IllegalArgumentException("expected a JSON object with a \"customers\" array");
    }

    /** Walks one customer object to its END_OBJECT, counting field types (the schema-drift profile). */
    private static void profile(JsonParser parser, Map<String, Map<String, Long>> fields) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            count(fields, name, value);
            if (value == JsonToken.START_ARRAY && "transactions".equals(name)) {
                JsonToken element;
                while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (element == JsonToken.START_OBJECT) {
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String field = parser.currentName();
                            JsonToken fieldValue = parser.nextToken();
                            count(fields, "transactions[]." + field, fieldValue);
                            parser.skipChildren();
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
            } else {
                parser.skipChildren();
            }
        }
    }

    private static void count(Map<String, Map<String, Long>> fields, String name, JsonToken token) {
        fields.computeIfAbsent(name, n -> new LinkedHashMap<>()).merge(typeOf(token), 1L, Long::sum);
    }

    /** The JSON type of a value token: string, number, boolean, null, object or array. */
    static String typeOf(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            default -> token.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String firstLine(Exception e) {
        String message = e instanceof JsonParseException j ? j.getOriginalMessage() : e.getMessage();
        return message == null
                ? e.getClass().getSimpleName()
                : message.lines().findFirst().orElse(message);
    }

    /**
     * Keeps the bytes the parser has consumed since the start of the current record, so the record's exact text can
     * be cut out; everything before the record is dropped. Holds one record plus the parser's read-ahead.
     */
    private static final class RecordingInputStream extends FilterInputStream {
        private byte[] buffer = new byte[1 << 16];
        private long base; // file offset of buffer[0]
        private int length;

        RecordingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                keep(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int count) throws IOException {
            int n = super.read(bytes, offset, count);
            if (n > 0) {
                keep(bytes, offset, n);
            }
            return n;
        }

        private void keep(byte[] bytes, int offset, int count) {
            if (length + count > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
            }
            System.arraycopy(bytes, offset, buffer, length, count);
            length += count;
        }

        /** Drops the bytes before file offset {@code start}. */
        void discardBefore(long start) {
            int drop = (int) Math.min(length, Math.max(0, start - base));
            System.arraycopy(buffer, drop, buffer, 0, length - drop);
            length -= drop;
            base += drop;
            if (buffer.length > (1 << 20) && length < buffer.length / 4) {
                buffer = Arrays.copyOf(buffer, Math.max(1 << 16, length * 2));
            }
        }

        String text(long start, long end) {
            return new String(buffer, (int) (start - base), (int) (end - start), StandardCharsets.UTF_8);
        }

        String textFrom(long start, int limit) {
            int from = (int) Math.max(0, start - base);
            return new String(buffer, from, Math.min(limit, length - from), StandardCharsets.UTF_8);
        }

        long position() {
            return base + length;
        }
    }
}
