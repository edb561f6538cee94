package io.shoplake.lakehouse;

/** A job asked for a lake table that has not been built yet. */
public final class MissingTableException extends RuntimeException {

    private final TableId table;

    public MissingTableException(TableId table) {
        super("table " + table + " does not exist yet: run the step that builds it first");
        this.table = table;
    }

    public TableId table() {
        return table;
    }
}
