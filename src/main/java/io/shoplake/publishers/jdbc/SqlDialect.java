package io.shoplake.publishers.jdbc;

import java.sql.Types;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/** What differs between PostgreSQL and MySQL/MariaDB: quoting, column types and the upsert statement. */
enum SqlDialect {
    POSTGRES,
    MYSQL;

    static SqlDialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRES;
        }
        if (jdbcUrl.startsWith("jdbc:mysql:") || jdbcUrl.startsWith("jdbc:mariadb:")) {
            return MYSQL;
        }
        throw new IllegalArgumentException(
                "url must start with jdbc:postgresql:, jdbc:mysql: or jdbc:mariadb:, was: " + firstPart(jdbcUrl));
    }

    private static String firstPart(String url) {
        int question = url.indexOf('?');
        return question < 0 ? url : url.substring(0, question) + "?...";
    }

    String quote(String identifier) {
        return this == POSTGRES
                ? "\"" + identifier.replace("\"", "\"\"") + "\""
                : "`" + identifier.replace("`", "``") + "`";
    }

    /** Complex Spark types (struct, map, array) are published as JSON text. */
    static boolean isComplex(DataType type) {
        return type instanceof StructType || type instanceof MapType || type instanceof ArrayType;
    }

    String columnType(DataType type, boolean key) {
        boolean pg = this == POSTGRES;
        if (type instanceof StringType || isComplex(type)) {
            return pg ? "TEXT" : key ? "VARCHAR(255)" : "LONGTEXT";
        }
        if (type instanceof LongType) {
            return "BIGINT";
        }
        if (type instanceof IntegerType) {
            return "INTEGER";
        }
        if (type instanceof ShortType || type instanceof ByteType) {
            return "SMALLINT";
        }
        if (type instanceof DoubleType) {
            return pg ? "DOUBLE PRECISION" : "DOUBLE";
        }
        if (type instanceof FloatType) {
            return pg ? "REAL" : "FLOAT";
        }
        if (type instanceof BooleanType) {
            return "BOOLEAN";
        }
        if (type instanceof DateType) {
            return "DATE";
        }
        if (type instanceof TimestampType) {
            return pg ? "TIMESTAMPTZ" : "DATETIME(6)";
        }
        if (type instanceof TimestampNTZType) {
            return pg ? "TIMESTAMP" : "DATETIME(6)";
        }
        if (type instanceof DecimalType decimal) {
            return "NUMERIC(" + decimal.precision() + "," + decimal.scale() + ")";
        }
        if (type instanceof BinaryType) {
            return pg ? "BYTEA" : "LONGBLOB";
        }
        throw new IllegalArgumentException("cannot publish a column of type " + type.simpleString());
    }

    /** The JDBC types an existing column may have to hold a Spark type (a wider family is accepted). */
    static Set<Integer> compatibleJdbcTypes(DataType type) {
        if (type instanceof StringType || isComplex(type)) {
            return Set.of(Types.VARCHAR, Types.LONGVARCHAR, Types.CHAR, Types.CLOB, Types.NVARCHAR, Types.LONGNVARCHAR);
        }
        if (type instanceof LongType
                || type instanceof IntegerType
                || type instanceof ShortType
                || type instanceof ByteType) {
            return Set.of(Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT, Types.NUMERIC, Types.DECIMAL);
        }
        if (type instanceof DoubleType || type instanceof FloatType || type instanceof DecimalType) {
            return Set.of(Types.DOUBLE, Types.FLOAT, Types.REAL, Types.NUMERIC, Types.DECIMAL);
        }
        if (type instanceof BooleanType) {
            return Set.of(Types.BOOLEAN, Types.BIT, Types.TINYINT);
        }
        if (type instanceof DateType) {
            return Set.of(Types.DATE);
        }
        if (type instanceof TimestampType || type instanceof TimestampNTZType) {
            return Set.of(Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE);
        }
        if (type instanceof BinaryType) {
            return Set.of(Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB);
        }
        return Set.of();
    }

    String upsert(String table, List<String> columns, List<String> keys) {
        String names = columns.stream().map(this::quote).collect(Collectors.joining(", "));
        String marks = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        List<String> values = columns.stream().filter(c -> !keys.contains(c)).toList();
        String insert = "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")";
        if (this == POSTGRES) {
            String conflict = keys.stream().map(this::quote).collect(Collectors.joining(", "));
            return insert + " ON CONFLICT (" + conflict + ") DO "
                    + (values.isEmpty()
                            ? "NOTHING"
                            : "UPDATE SET "
                                    + values.stream()
                                            .map(c -> quote(c) + " = EXCLUDED." + quote(c))
                                            .collect(Collectors.joining(", ")));
        }
        // VALUES(col) works on MySQL 8 and MariaDB alike (MySQL's row alias syntax does not exist in MariaDB).
        List<String> updated = values.isEmpty() ? List.of(keys.get(0)) : values;
        return insert + " ON DUPLICATE KEY UPDATE "
                + updated.stream()
                        .map(c -> quote(c) + " = VALUES(" + quote(c) + ")")
                        .collect(Collectors.joining(", "));
    }
}
