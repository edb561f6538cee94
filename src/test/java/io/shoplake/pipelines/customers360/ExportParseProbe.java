package io.shoplake.pipelines.customers360;

import java.nio.file.Path;

/**
 * Run in a child JVM with a small heap by {@link CustomerExportReaderTest}: streams an export and prints what it
 * read, proving the parse never holds the document.
 */
public final class ExportParseProbe {

    private ExportParseProbe() {}

    public static void main(String[] args) throws Exception {
        long[] text = {0};
        CustomerExportReader.Summary summary = CustomerExportReader.read(
                Path.of(args[0]), record -> text[0] += record.rawJson().length());
        System.out.println("records=" + summary.records() + " bytes=" + summary.bytes() + " text=" + text[0]
                + " broken=" + summary.broken().isPresent() + " maxHeap="
                + Runtime.getRuntime().maxMemory());
    }
}
