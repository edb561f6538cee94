package io.shoplake.sources.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileParserTest {

    private static List<String> parse(ParseSpec spec, byte[] bytes) {
        return parse(spec, bytes, FileParser.MAX_RECORD_BYTES);
    }

    /** Each record as "line:KIND:content" so one assertion pins kind, line and values. */
    private static List<String> parse(ParseSpec spec, byte[] bytes, int maxRecordBytes) {
        List<String> out = new ArrayList<>();
        try (RecordParser parser = FileParser.open(new ByteArrayInputStream(bytes), spec, maxRecordBytes)) {
            out.add("columns=" + parser.columns());
            parser.forEachRemaining(r -> out.add(describe(r)));
        }
        return out;
    }

    @Test
    void parsingInChunksFromTheSplitPointsGivesTheSameRecordsAsOneParse() {
        for (ParseSpec spec : List.of(
                CSV, ParseSpec.withHeader(FileFormat.WHITESPACE), ParseSpec.withHeader(FileFormat.JSON_LINES))) {
            String text = switch (spec.format()) {
                case CSV -> "a,b\n1,\"x\ny\"\n\n2,\"broken\n3,4\n5,\"q\"\"\"\n6\n7,8";
                case WHITESPACE -> "a b\n1 2\n\n3\n4 5\n6 7 8\n9 10";
                case JSON_LINES -> "{\"a\":1}\n\nnot json\n{\"b\":2}\n{\"a\":3,\"b\":4}";
            };
            byte[] bytes = utf8("\uFEFF" + text);
            List<String> whole = parse(spec, bytes);
            for (long chunkBytes = 1; chunkBytes <= bytes.length; chunkBytes++) {
                ParseSummary summary = ParseSummary.of(new ByteArrayInputStream(bytes), spec, chunkBytes);
                List<String> chunked = new ArrayList<>();
                chunked.add(whole.get(0));
                List<String> columns =
                        FileParser.open(new ByteArrayInputStream(bytes), spec).columns();
                for (Chunk chunk : summary.chunks(columns)) {
                    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
                    in.skip(chunk.offset());
                    FileParser.open(in, spec, FileParser.MAX_RECORD_BYTES, chunk)
                            .forEachRemaining(r -> chunked.add(describe(r)));
                }
                assertThat(chunked)
                        .as(spec.format() + " in chunks of " + chunkBytes)
                        .isEqualTo(whole);
                assertThat(summary.data() + summary.rejects() + summary.blankLines())
                        .isEqualTo(whole.size() - 1);
            }
        }
    }

    @Test
    void csvFieldsOfAnyLengthAndQuotingComeBackAsWrittenAcrossReadBuffers() {
        // Long runs are copied in bulk from the read buffer: fields that straddle its 64 KB edge, quoted fields
        // with line breaks, doubled quotes and lone carriage returns must come back exactly as they were written.
        java.util.Random random = new java.util.Random(7);
        String alphabet = "abc xyz,\"\n\r\u00e9\u4e2d";
        List<List<String>> written = new ArrayList<>();
        StringBuilder text = new StringBuilder("a,b,c\n");
        for (int r = 0; r < 400; r++) {
            List<String> fields = new ArrayList<>();
            for (int f = 0; f < 3; f++) {
                int length = random.nextInt(10) == 0 ? random.nextInt(3000) : random.nextInt(12);
                StringBuilder value = new StringBuilder();
                for (int i = 0; i < length; i++) {
                    value.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                String field = value.toString();
                fields.add(field);
                boolean quote = field.indexOf(',') >= 0
                        || field.indexOf('"') >= 0
                        || field.indexOf('\n') >= 0
                        || field.indexOf('\r') >= 0;
                text.append(f > 0 ? "," : "").append(quote ? '"' + field.replace("\"", "\"\"") + '"' : field);
            }
            written.add(fields);
            text.append(random.nextBoolean() ? "\n" : "\r\n");
        }
        byte[] bytes = utf8(text.toString());
        assertThat(bytes.length).isGreaterThan(3 * (1 << 16));
        List<List<String>> read = new ArrayList<>();
        try (RecordParser parser = FileParser.open(new ByteArrayInputStream(bytes), CSV)) {
            parser.forEachRemaining(record -> {
                assertThat(record.kind()).as(describe(record)).isEqualTo(ParsedRecord.RecordKind.DATA);
                read.add(List.copyOf(record.values()));
            });
        }
        assertThat(read).isEqualTo(written);
        ParseSummary counted = ParseSummary.of(new ByteArrayInputStream(bytes), CSV, 1 << 20);
        assertThat(counted.data()).isEqualTo(written.size());
        assertThat(counted.rejects() + counted.blankLines()).isZero();
    }

    private static String describe(ParsedRecord r) {
        return r.line() + ":"
                + switch (r.kind()) {
                    case DATA ->
                        r.values() != null ? r.values().toString() : r.named().toString();
                    case REJECT -> "REJECT[" + r.raw() + "] " + r.reason();
                    case BLANK -> "BLANK";
                };
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final ParseSpec CSV = ParseSpec.withHeader(FileFormat.CSV);

    @Test
    void csvWithQuotedCommasDoubledQuotesAndEmbeddedNewlines() {
        assertThat(parse(
                        CSV, utf8("ID, Name ,note\n1,\"Smith, Ann\",\"said \"\"hi\"\"\"\n2,Bob,\"two\nlines\"\n3,,\n")))
                .containsExactly(
                        "columns=[id, name, note]",
                        "2:[1, Smith, Ann, said \"hi\"]",
                        "3:[2, Bob, two\nlines]",
                        "5:[3, , ]");
    }

    @Test
    void bomAndCrlfAreTolerated() {
        byte[] body = utf8("a,b\r\n1,\"x\r\ny\"\r\n2,é\r\n");
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        assertThat(parse(CSV, bytes)).containsExactly("columns=[a, b]", "2:[1, x\r\ny]", "4:[2, é]");
    }

    @Test
    void lastLineWithoutTerminatorIsARecord() {
        assertThat(parse(CSV, utf8("a,b\n1,2"))).containsExactly("columns=[a, b]", "2:[1, 2]");
    }

    @Test
    void wrongFieldCountsAreRejectedWithTheCounts() {
        assertThat(parse(CSV, utf8("a,b,c\n1,2\n1,2,3,4\n5,6,7\n")))
                .containsExactly(
                        "columns=[a, b, c]",
                        "2:REJECT[1,2] expected 3 fields, found 2",
                        "3:REJECT[1,2,3,4] expected 3 fields, found 4",
                        "4:[5, 6, 7]");
    }

    @Test
    void blankLinesAreSkippedAndReported() {
        assertThat(parse(CSV, utf8("a,b\n\n1,2\n  \n\r\n3,4\n")))
                .containsExactly("columns=[a, b]", "2:BLANK", "3:[1, 2]", "4:BLANK", "5:BLANK", "6:[3, 4]");
    }

    @Test
    void unterminatedQuoteRejectsItsLineAndResynchronisesAtTheNextLine() {
        assertThat(parse(CSV, utf8("a,b,c\n1,\"broken,3\n4,5,6\n7,8,9\n")))
                .containsExactly(
                        "columns=[a, b, c]",
                        "2:REJECT[1,\"broken,3] broken quoting: unterminated quote in field 2",
                        "3:[4, 5, 6]",
                        "4:[7, 8, 9]");
    }

    @Test
    void textAfterAClosingQuoteIsBrokenQuoting() {
        assertThat(parse(CSV, utf8("a,b\n1,\"x\"y\n2,3\n")))
                .containsExactly(
                        "columns=[a, b]",
                        "2:REJECT[1,\"x\"y] broken quoting: unexpected text after the closing quote of field 2",
                        "3:[2, 3]");
        // the quote opened on line 2 closes on line 3 followed by text: line 2 is rejected, line 3 parsed again
        assertThat(parse(CSV, utf8("a,b\n1,\"x\n\"2\",3\n4,5\n")))
                .containsExactly(
                        "columns=[a, b]",
                        "2:REJECT[1,\"x] broken quoting: unexpected text after the closing quote of field 2",
                        "3:[2, 3]",
                        "4:[4, 5]");
    }

    @Test
    void aRunawayQuotedFieldIsCutAtTheRecordLimit() {
        assertThat(parse(CSV, utf8("a,b\n1,\"abc\n2,3\n4,5\n6,7\n"), 8))
                .containsExactly(
                        "columns=[a, b]",
                        "2:REJECT[1,\"abc] broken quoting: record longer than 8 bytes (unterminated quote in field 2)",
                        "3:[2, 3]",
                        "4:[4, 5]",
                        "5:[6, 7]");
    }

    @Test
    void invalidUtf8IsRejectedWithItsFileByteOffset() {
        byte[] bytes = {'a', ',', 'b', '\n', '1', ',', 'x', (byte) 0xFF, 'y', '\n', '2', ',', 'z', '\n'};
        assertThat(parse(CSV, bytes))
                .containsExactly("columns=[a, b]", "2:REJECT[1,x\uFFFDy] invalid UTF-8 at byte offset 7", "3:[2, z]");
    }

    @Test
    void aHeaderThatCannotBeDecodedMakesTheFileUnusable() {
        byte[] bytes = {'a', (byte) 0xC3, ',', 'b', '\n'};
        assertThatThrownBy(() -> parse(CSV, bytes))
                .isInstanceOf(UnusableFileException.class)
                .hasMessage("header line 1: invalid UTF-8 at byte offset 1");
    }

    @Test
    void emptyFileAndHeaderOnlyFileHaveNoRecords() {
        assertThat(parse(CSV, new byte[0])).containsExactly("columns=[]");
        assertThat(parse(CSV, utf8("a,b\r\n"))).containsExactly("columns=[a, b]");
    }

    @Test
    void headerlessCsvUsesTheGivenNames() {
        assertThat(parse(ParseSpec.headerless(FileFormat.CSV, List.of("x", "y")), utf8("1,2\n3\n")))
                .containsExactly("columns=[x, y]", "1:[1, 2]", "2:REJECT[3] expected 2 fields, found 1");
    }

    @Test
    void whitespaceTextSplitsOnRunsOfSpacesAndTabs() {
        ParseSpec spec = ParseSpec.headerless(FileFormat.WHITESPACE, List.of("c1", "c2", "c3", "c4"));
        assertThat(parse(spec, utf8("00001 19970101  1 11.77\n\t00002\t19970112 5  77.00 \r\n\n00003 19970102 2\n")))
                .containsExactly(
                        "columns=[c1, c2, c3, c4]",
                        "1:[00001, 19970101, 1, 11.77]",
                        "2:[00002, 19970112, 5, 77.00]",
                        "3:BLANK",
                        "4:REJECT[00003 19970102 2] expected 4 fields, found 3");
    }

    @Test
    void whitespaceTextWithAHeader() {
        assertThat(parse(ParseSpec.withHeader(FileFormat.WHITESPACE), utf8("Id  Amount\n1 2.5\n")))
                .containsExactly("columns=[id, amount]", "2:[1, 2.5]");
    }

    @Test
    void jsonLinesKeepNestedValuesAsJsonTextAndRejectBrokenLines() {
        String text =
                "{\"User_Id\": 7, \"price\": 1.50, \"tags\": [\"a\",\"b\"], \"meta\": {\"x\": null}, \"ok\": true, \"gone\": null}\n"
                        + "{\"user_id\": 8,\n"
                        + "\n"
                        + "[1,2]\n"
                        + "{\"user_id\": \"9\"} trailing\n"
                        + "{\"user_id\": \"10\"}\n";
        List<String> records = parse(ParseSpec.withHeader(FileFormat.JSON_LINES), utf8(text));
        assertThat(records).hasSize(7);
        assertThat(records.get(0)).isEqualTo("columns=[]");
        assertThat(records.get(1))
                .isEqualTo("1:{user_id=7, price=1.50, tags=[\"a\",\"b\"], meta={\"x\":null}, ok=true, gone=null}");
        assertThat(records.get(2)).startsWith("2:REJECT[{\"user_id\": 8,] invalid JSON: ");
        assertThat(records.get(3)).isEqualTo("3:BLANK");
        assertThat(records.get(4)).isEqualTo("4:REJECT[[1,2]] expected a JSON object, found array");
        assertThat(records.get(5)).startsWith("5:REJECT[{\"user_id\": \"9\"} trailing] invalid JSON: ");
        assertThat(records.get(6)).isEqualTo("6:{user_id=10}");
    }

    @Test
    void jsonLinesRecordsMissingARequiredFieldAreRejected() {
        ParseSpec spec = new ParseSpec(FileFormat.JSON_LINES, List.of(), List.of("user_id", "event"));
        assertThat(parse(spec, utf8("{\"user_id\":1,\"event\":\"open\"}\n{\"event\":\"x\"}\n")))
                .containsExactly(
                        "columns=[]",
                        "1:{user_id=1, event=open}",
                        "2:REJECT[{\"event\":\"x\"}] missing required field(s): user_id");
    }

    @Test
    void lineNumbersCountPhysicalLinesAcrossEmbeddedNewlines() {
        StringBuilder text = new StringBuilder("a,b\n");
        for (int i = 0; i < 3; i++) {
            text.append(i).append(",\"l1\nl2\nl3\"\n");
        }
        assertThat(parse(CSV, utf8(text.toString())))
                .containsExactly("columns=[a, b]", "2:[0, l1\nl2\nl3]", "5:[1, l1\nl2\nl3]", "8:[2, l1\nl2\nl3]");
    }
}
