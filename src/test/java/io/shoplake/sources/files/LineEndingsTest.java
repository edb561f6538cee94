package io.shoplake.sources.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Line endings and the byte-order mark are one behaviour of the parser, the same for every format: LF, CRLF, a final
 * line without a terminator and a leading UTF-8 BOM all give the same records, with no CR in any value.
 */
class LineEndingsTest {

    @ParameterizedTest(name = "{0} {1} bom={2} final={3}")
    @CsvSource({
        "CSV, LF, false, true",
        "CSV, CRLF, false, true",
        "CSV, LF, false, false",
        "CSV, CRLF, false, false",
        "CSV, CRLF, true, true",
        "CSV, LF, true, false",
        "WHITESPACE, LF, false, true",
        "WHITESPACE, CRLF, false, true",
        "WHITESPACE, CRLF, true, false",
        "WHITESPACE, LF, true, false",
        "JSON_LINES, LF, false, true",
        "JSON_LINES, CRLF, false, true",
        "JSON_LINES, CRLF, true, false",
        "JSON_LINES, LF, true, false"
    })
    void everyFormatReadsTheSameRecordsWhateverTheLineEndings(
            FileFormat format, String ending, boolean bom, boolean finalTerminator) {
        List<String> lines = switch (format) {
            case CSV -> List.of("id,status", "1,New", "2,", "3,Shipped");
            case WHITESPACE -> List.of("id status", "1 New", "2 x", "3 Shipped");
            case JSON_LINES ->
                List.of(
                        "{\"id\":\"1\",\"status\":\"New\"}",
                        "{\"id\":\"2\",\"status\":\"\"}",
                        "{\"id\":\"3\",\"status\":\"Shipped\"}");
        };
        String newline = ending.equals("CRLF") ? "\r\n" : "\n";
        String text = (bom ? "\uFEFF" : "") + String.join(newline, lines) + (finalTerminator ? newline : "");

        List<String> records = new ArrayList<>();
        try (RecordParser parser = FileParser.open(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), ParseSpec.withHeader(format))) {
            if (format != FileFormat.JSON_LINES) {
                records.add("columns=" + parser.columns());
            }
            parser.forEachRemaining(r -> records.add(r.line() + ":" + r.kind() + ":"
                    + (r.named() != null ? r.named().values() : r.values())));
        }

        int first = format == FileFormat.JSON_LINES ? 1 : 2;
        String second = format == FileFormat.WHITESPACE ? "[2, x]" : "[2, ]";
        List<String> expected = new ArrayList<>();
        if (format != FileFormat.JSON_LINES) {
            expected.add("columns=[id, status]");
        }
        expected.add(first + ":DATA:[1, New]");
        expected.add((first + 1) + ":DATA:" + second);
        expected.add((first + 2) + ":DATA:[3, Shipped]");
        assertThat(records).containsExactlyElementsOf(expected);
    }
}
