package dev.flarelink.jsonapi;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Writes the API's error body, {@code {error, code}}, from the filters (where no controller advice reaches). */
final class ApiErrors {

    static final String MISSING_KEY_MESSAGE =
            "Send a personal API key as \"Authorization: Bearer flk_…\". Create one on the API keys page of your "
                    + "account.";
    static final String INVALID_KEY_MESSAGE =
            "The API key is not valid: it is unknown, revoked or expired. Create a new one on the API keys page.";
    static final String READ_ONLY_MESSAGE =
            "This key is read-only and the request would change something. Use a key with full access.";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ApiErrors() {}

    static Map<String, Object> body(String error, String code, @Nullable Map<String, ?> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("code", code);
        if (extra != null) {
            body.putAll(extra);
        }
        return body;
    }

    static void write(HttpServletResponse response, int status, String code, String error) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"flarelink\"");
        }
        response.getWriter().write(JSON.writeValueAsString(body(error, code, null)));
    }
}
