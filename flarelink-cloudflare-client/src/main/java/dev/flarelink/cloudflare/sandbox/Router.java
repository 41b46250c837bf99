package dev.flarelink.cloudflare.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Matches a method and a path (split into raw segments) against route templates such as {@code /accounts/{aid}}. */
final class Router {

    /** A route's behaviour. */
    interface Handler {
        ApiResponse handle(ApiCall call);
    }

    /**
     * One route; {@code selfAuth} routes interpret the token themselves (the verify endpoints). {@code dataOnly} routes
     * change nothing but KV entries, D1 files and captured email, so the call never rewrites {@code state.json}.
     */
    record Route(
            String method, String[] segments, Handler handler, boolean selfAuth, String template, boolean dataOnly) {}

    /** A matched route with its decoded variables. */
    record Match(Route route, Map<String, String> vars) {}

    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String template, Handler handler) {
        routes.add(new Route(method, split(template), handler, false, template, false));
        return this;
    }

    /** A route whose calls change only data that persists row by row (see {@link Route}). */
    Router addData(String method, String template, Handler handler) {
        routes.add(new Route(method, split(template), handler, false, template, true));
        return this;
    }

    Router addSelfAuth(String method, String template, Handler handler) {
        routes.add(new Route(method, split(template), handler, true, template, false));
        return this;
    }

    /** Returns the match, or null; {@code methodMismatch[0]} is set when only the method differed. */
    @Nullable
    Match match(String method, String rawPath, boolean[] methodMismatch) {
        String[] path = split(rawPath);
        for (Route route : routes) {
            Map<String, String> vars = bind(route.segments(), path);
            if (vars == null) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Match(route, vars);
            }
            methodMismatch[0] = true;
        }
        return null;
    }

    private static @Nullable Map<String, String> bind(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String part = template[i];
            if (part.startsWith("{")) {
                vars.put(part.substring(1, part.length() - 1), PercentCodec.decode(path[i]));
            } else if (!part.equals(path[i])) {
                return null;
            }
        }
        return vars;
    }

    static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
