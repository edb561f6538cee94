package io.shoplake.sources.files;

/** What became of one file in an ingest. */
public enum FileStatus {
    /** Parsed and written (possibly 0 rows, e.g. an empty file); recorded in ops.files. */
    LOADED,
    /** The same content was loaded into the same table before (or earlier in this ingest); nothing written. */
    ALREADY_LOADED,
    /** The whole file cannot be loaded (bad header, wrong delimiter, missing required columns); nothing written. */
    UNUSABLE
}
