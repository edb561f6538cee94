package io.shoplake.lakehouse;

import java.util.Locale;

/** The lakehouse layers; each is an Iceberg namespace of the same name. */
public enum Layer {
    BRONZE,
    SILVER,
    GOLD,
    QUARANTINE,
    OPS;

    public String namespace() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Layer of(String namespace) {
        for (Layer layer : values()) {
            if (layer.namespace().equalsIgnoreCase(namespace)) {
                return layer;
            }
        }
        throw new IllegalArgumentException(
                "unknown layer: " + namespace + " (expected bronze, silver, gold, quarantine or ops)");
    }
}
