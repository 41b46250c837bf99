package dev.flarelink.cloudflare.core;

import dev.flarelink.cloudflare.ApiCallListener;
import dev.flarelink.cloudflare.ApiToken;
import dev.flarelink.cloudflare.errors.CloudflareInvalidResponseException;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/** The transport bound to one token, with envelope unwrapping and pagination; what resource classes call. */
public final class ApiCaller {

    private final Transport transport;
    private final ApiToken token;
    private final ApiCallListener listener;

    public ApiCaller(Transport transport, ApiToken token) {
        this(transport, token, ApiCallListener.NONE);
    }

    /** A caller whose every attempt is also reported to {@code listener} (besides the client-wide listener). */
    public ApiCaller(Transport transport, ApiToken token, ApiCallListener listener) {
        this.transport = transport;
        this.token = token;
        this.listener = listener;
    }

    /** Executes and returns the raw response (for byte downloads and header access). */
    public RawResponse raw(ApiRequest request) {
        return transport.execute(token, request, listener);
    }

    /** Executes and discards the result. */
    public void execute(ApiRequest request) {
        transport.execute(token, request, listener);
    }

    /** Executes and maps {@code result} to {@code type}. */
    public <T> T call(ApiRequest request, Class<T> type) {
        return result(transport.execute(token, request, listener), Json.MAPPER.constructType(type));
    }

    /** Executes and maps {@code result} to a generic type. */
    public <T> T call(ApiRequest request, TypeReference<T> type) {
        return result(transport.execute(token, request, listener), Json.MAPPER.constructType(type));
    }

    /** Executes and maps an array {@code result} to a list. */
    public <T> List<T> list(ApiRequest request, Class<T> item) {
        return result(transport.execute(token, request, listener), listOf(item));
    }

    /** Fetches one page of a page-number list ({@code page}/{@code per_page}). */
    public <T> Page<T> pageByNumber(ApiRequest request, PageRequest page, Class<T> item) {
        ApiRequest paged = request.withQuery("page", String.valueOf(page.page()))
                .withQuery("per_page", String.valueOf(page.perPage()));
        RawResponse response = transport.execute(token, paged, listener);
        List<T> items = result(response, listOf(item));
        ResultInfo info = resultInfo(response);
        Supplier<Page<T>> next = hasMore(items, info, page) ? () -> pageByNumber(request, page.next(), item) : null;
        return new Page<>(items, info, next);
    }

    /**
     * Fetches one page of a cursor list; {@code arrayField} names the array inside {@code result} when the result
     * is an object (R2 buckets), else null.
     */
    public <T> Page<T> pageByCursor(
            ApiRequest request, @Nullable String cursor, Class<T> item, @Nullable String arrayField) {
        ApiRequest paged = cursor == null ? request : request.withQuery("cursor", cursor);
        RawResponse response = transport.execute(token, paged, listener);
        JsonNode result = envelope(response).path("result");
        List<T> items = convert(response, arrayField == null ? result : result.path(arrayField), listOf(item));
        ResultInfo info = resultInfo(response);
        String nextCursor = info == null ? null : info.nextCursor();
        Supplier<Page<T>> next = nextCursor == null || nextCursor.equals(cursor)
                ? null
                : () -> pageByCursor(request, nextCursor, item, arrayField);
        return new Page<>(items == null ? List.of() : items, info, next);
    }

    private static boolean hasMore(List<?> items, @Nullable ResultInfo info, PageRequest requested) {
        if (items.isEmpty()) {
            return false;
        }
        int page = info != null && info.page() != null ? info.page() : requested.page();
        int perPage = info != null && info.perPage() != null ? info.perPage() : requested.perPage();
        if (info != null && info.totalPages() != null) {
            return page < info.totalPages();
        }
        if (info != null && info.totalCount() != null) {
            return (long) page * perPage < info.totalCount();
        }
        return items.size() >= perPage;
    }

    private static JavaType listOf(Class<?> item) {
        return Json.MAPPER.getTypeFactory().constructCollectionType(List.class, item);
    }

    private static JsonNode envelope(RawResponse response) {
        JsonNode envelope = response.envelope();
        if (envelope == null) {
            throw new CloudflareInvalidResponseException(
                    "expected a JSON envelope", response.status(), response.cfRay(), null);
        }
        return envelope;
    }

    private static <T> T result(RawResponse response, JavaType type) {
        T value = convert(response, envelope(response).path("result"), type);
        if (value == null) {
            throw new CloudflareInvalidResponseException(
                    "envelope has no result", response.status(), response.cfRay(), null);
        }
        return value;
    }

    private static <T> @Nullable T convert(RawResponse response, JsonNode node, JavaType type) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (JacksonException e) {
            throw new CloudflareInvalidResponseException(
                    "result does not match the documented shape of "
                            + type.getRawClass().getSimpleName(),
                    response.status(),
                    response.cfRay(),
                    null);
        }
    }

    private static @Nullable ResultInfo resultInfo(RawResponse response) {
        JsonNode info = envelope(response).path("result_info");
        if (!info.isObject()) {
            return null;
        }
        try {
            return Json.MAPPER.treeToValue(info, ResultInfo.class);
        } catch (JacksonException e) {
            return null;
        }
    }
}
