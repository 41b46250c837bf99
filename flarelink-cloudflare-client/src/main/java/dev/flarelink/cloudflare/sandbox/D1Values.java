package dev.flarelink.cloudflare.sandbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Converts bound JSON parameters to SQLite values and SQLite column values back to JSON. */
final class D1Values {

    private D1Values() {}

    /**
     * Strings bind as TEXT, integral numbers as INTEGER, other numbers as REAL, booleans as 1/0, null as NULL.
     * (Cloudflare was observed binding every JSON number as REAL; INTEGER is what column affinity yields anyway.)
     */
    static void bind(PreparedStatement ps, int index, JsonNode value) throws SQLException {
        if (value.isNull()) {
            ps.setNull(index, Types.NULL);
        } else if (value.isBoolean()) {
            ps.setLong(index, value.asBoolean() ? 1 : 0);
        } else if (value.isIntegralNumber() && value.canConvertToLong()) {
            ps.setLong(index, value.asLong());
        } else if (value.isNumber()) {
            ps.setDouble(index, value.asDouble());
        } else if (value.isString()) {
            ps.setString(index, value.asString());
        } else {
            ps.setString(index, Json.MAPPER.writeValueAsString(value));
        }
    }

    /** SQLite's dynamic type decides: INTEGER → number, REAL → number, TEXT → string, BLOB → byte array. */
    static JsonNode column(ResultSet rs, int index) throws SQLException {
        Object value = rs.getObject(index);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        }
        if (value instanceof Integer i) {
            return nodes.numberNode(i.longValue());
        }
        if (value instanceof Long l) {
            return nodes.numberNode(l);
        }
        if (value instanceof Double d) {
            return nodes.numberNode(d);
        }
        if (value instanceof byte[] bytes) {
            ArrayNode array = nodes.arrayNode();
            for (byte b : bytes) {
                array.add(b & 0xff);
            }
            return array;
        }
        return nodes.stringNode(value.toString());
    }
}
