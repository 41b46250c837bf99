package dev.flarelink.cloudflare.sandbox;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The sandbox's JSON mapper and the Cloudflare v4 response envelope. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode array = array();
        values.forEach(array::add);
        return array;
    }

    static JsonNode parse(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (RuntimeException e) {
            throw ApiException.badRequest(10040, "The JSON you provided was not well formed.");
        }
    }

    static ObjectNode success(@Nullable JsonNode result, @Nullable JsonNode resultInfo) {
        ObjectNode envelope = object();
        envelope.put("success", true);
        envelope.set("errors", array());
        envelope.set("messages", array());
        envelope.set("result", result == null ? NODES.nullNode() : result);
        if (resultInfo != null) {
            envelope.set("result_info", resultInfo);
        }
        return envelope;
    }

    static ObjectNode failure(ApiException error) {
        ObjectNode item = object();
        item.put("code", error.code);
        item.put("message", error.getMessage());
        if (error.chainCode != null) {
            ObjectNode chained = object();
            chained.put("code", error.chainCode);
            chained.put("message", error.chainMessage);
            item.set("error_chain", array().add(chained));
        }
        ObjectNode envelope = object();
        envelope.put("success", false);
        envelope.set("errors", array().add(item));
        envelope.set("messages", array());
        envelope.set("result", NODES.nullNode());
        return envelope;
    }

    static ObjectNode pageInfo(int page, int perPage, int count, int total) {
        ObjectNode info = object();
        info.put("page", page);
        info.put("per_page", perPage);
        info.put("count", count);
        info.put("total_count", total);
        info.put("total_pages", perPage == 0 ? 0 : (total + perPage - 1) / perPage);
        return info;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : "";
    }
}
