package dev.flarelink.cloudflare.sandbox;

import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** Page-style pagination ({@code page}, {@code per_page}, {@code result_info} with totals), reference §1.5. */
final class Pages {

    private Pages() {}

    static <T> ApiResponse page(ApiCall call, List<T> items, Function<T, ? extends JsonNode> mapper) {
        return page(call, items, mapper, 20);
    }

    static <T> ApiResponse page(
            ApiCall call, List<T> items, Function<T, ? extends JsonNode> mapper, int perPageDefault) {
        int page = call.queryInt("page", 1, 1, Integer.MAX_VALUE);
        int perPage = call.queryInt("per_page", perPageDefault, 1, 1000);
        int from = (int) Math.min(items.size(), (long) (page - 1) * perPage);
        int to = Math.min(items.size(), from + perPage);
        ArrayNode result = Json.array();
        for (T item : items.subList(from, to)) {
            result.add(mapper.apply(item));
        }
        return ApiResponse.ok(result, Json.pageInfo(page, perPage, result.size(), items.size()));
    }
}
