package io.shoplake.lakehouse;

/** Where the Iceberg catalog keeps table metadata pointers. */
public enum CatalogType {
    /** Tables as folders under the lake directory (no server needed). */
    HADOOP,
    /** Catalog rows in a JDBC database (PostgreSQL); data files still under the lake directory. */
    JDBC,
    /** An Iceberg REST catalog service. */
    REST
}
