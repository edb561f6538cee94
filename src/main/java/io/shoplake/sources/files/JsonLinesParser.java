package io.shoplake.sources.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON Lines: one JSON object per line. Scalars become their text (numbers as written), nested objects and arrays
 * their compact JSON text, JSON null a null; keys are trimmed and lower-cased.
 */
final class JsonLinesParser extends LineParser {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private final List<String> required;

    JsonLinesParser(InputStream stream, ParseSpec spec, Chunk chunk) {
        super(stream, chunk);
        this.required = spec.requiredFields();
    }

    @Override
    public List<String> columns() {
        return List.of();
    }

    @Override
    ParsedRecord parseLine() {
        JsonNode node;
        try {
            node = MAPPER.readTree(text.array(), 0, text.length());
        } catch (JsonProcessingException e) {
            return ParsedRecord.reject(
                    line,
                    text.string(),
                    "invalid JSON: "
                            + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            return ParsedRecord.reject(line, text.string(), "invalid JSON: " + e.getMessage());
        }
        if (!node.isObject()) {
            return ParsedRecord.reject(
                    line,
                    text.string(),
                    "expected a JSON object, found " + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey().trim().toLowerCase(Locale.ROOT);
            if (key.isEmpty()) {
                return ParsedRecord.reject(line, text.string(), "empty field name");
            }
            JsonNode value = entry.getValue();
            values.put(key, value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString());
        }
        List<String> missing = new ArrayList<>();
        for (String field : required) {
            if (!values.containsKey(field)) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            return ParsedRecord.reject(line, text.string(), "missing required field(s): " + String.join(", ", missing));
        }
        return ParsedRecord.named(line, values);
    }
}
