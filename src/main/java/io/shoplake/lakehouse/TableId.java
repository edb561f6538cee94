package io.shoplake.lakehouse;

import static java.util.Objects.requireNonNull;

/** A lake table named by layer and table name, e.g. {@code silver.orders}. */
public record TableId(Layer layer, String name) {

    public TableId {
        requireNonNull(layer, "layer is null");
        requireNonNull(name, "name is null");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("table name must be lower-case snake_case, was: " + name);
        }
    }

    public static TableId bronze(String name) {
        return new TableId(Layer.BRONZE, name);
    }

    public static TableId silver(String name) {
        return new TableId(Layer.SILVER, name);
    }

    public static TableId gold(String name) {
        return new TableId(Layer.GOLD, name);
    }

    public static TableId ops(String name) {
        return new TableId(Layer.OPS, name);
    }

    /** The quarantine table that holds the rejects of this table: {@code quarantine.<layer>_<name>}. */
    public TableId quarantine() {
        if (layer == Layer.QUARANTINE) {
            throw new IllegalArgumentException("a quarantine table has no quarantine of its own: " + this);
        }
        return new TableId(Layer.QUARANTINE, layer.namespace() + "_" + name);
    }

    /** Parses {@code layer.name}. */
    public static TableId parse(String text) {
        int dot = text.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("table must be written layer.name, was: " + text);
        }
        return new TableId(Layer.of(text.substring(0, dot)), text.substring(dot + 1));
    }

    @Override
    public String toString() {
        return layer.namespace() + "." + name;
    }
}
