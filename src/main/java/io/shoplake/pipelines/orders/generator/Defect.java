package io.shoplake.pipelines.orders.generator;

/** The kinds of bad input the generator injects, the same kinds real extracts carry. */
public enum Defect {
    /** The same row delivered again a little later in the file. */
    DUPLICATE,
    /** A row without its key (empty id). */
    MISSING_KEY,
    /** An order whose customer does not exist. */
    UNKNOWN_CUSTOMER,
    /** An order item whose order does not exist. */
    ORPHAN_ORDER,
    /** An order item whose product does not exist. */
    ORPHAN_PRODUCT,
    /** An impossible date ({@code 2017-02-30}) or text that is no date at all. */
    BAD_DATE,
    /** Text in a numeric column ({@code n/a}, {@code 12.5.0}). */
    TEXT_IN_NUMBER,
    /** A negative quantity or price. */
    NEGATIVE_NUMBER,
    /** A line that is not a valid CSV record: wrong field count or an unterminated quote. */
    BROKEN_LINE
}
