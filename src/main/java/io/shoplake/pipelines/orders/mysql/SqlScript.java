package io.shoplake.pipelines.orders.mysql;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A SQL script split into statements, for the scripts under {@code sql/} that people also run with the mysql
 * client. Kept simple on purpose: whole-line {@code --} comments are dropped and a statement ends with a
 * {@code ;} at the end of a line; the scripts are written to that rule.
 */
public record SqlScript(String name, List<String> statements) {

    public SqlScript {
        requireNonNull(name, "name is null");
        statements = List.copyOf(statements);
    }

    /** Parses script text. */
    public static SqlScript parse(String name, String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\r?\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().trim();
                statements.add(statement.substring(0, statement.length() - 1).trim());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalArgumentException(name + ": the last statement does not end with ';'");
        }
        return new SqlScript(name, statements);
    }

    /** A script shipped on the classpath, e.g. {@code sql/mysql/create_schema_and_tables.sql}. */
    public static SqlScript fromClasspath(String path) {
        try (InputStream in = SqlScript.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("SQL script not on the classpath: " + path);
            }
            return parse(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SQL script " + path + ": " + e.getMessage(), e);
        }
    }

    /** The statements without the ones that choose or create a schema (the caller's connection decides). */
    public List<String> withoutSchemaStatements() {
        return statements.stream()
                .filter(s -> !s.regionMatches(true, 0, "CREATE SCHEMA", 0, 13)
                        && !s.regionMatches(true, 0, "CREATE DATABASE", 0, 15)
                        && !s.regionMatches(true, 0, "USE ", 0, 4))
                .toList();
    }
}
