package dev.flarelink.files;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One CORS rule of a bucket, with the sentence that says what it allows.
 *
 * @param index position in the policy, from 0 (rules are evaluated in order)
 * @param id the rule's id, if it has one
 * @param sentence the rule in plain words
 */
public record CorsRuleView(
        int index,
        @Nullable String id,
        String sentence,
        List<String> origins,
        List<String> methods,
        List<String> headers,
        List<String> exposeHeaders,
        @Nullable Integer maxAgeSeconds) {

    public CorsRuleView {
        origins = List.copyOf(origins);
        methods = List.copyOf(methods);
        headers = List.copyOf(headers);
        exposeHeaders = List.copyOf(exposeHeaders);
    }

    /** Position for people, from 1. */
    public int number() {
        return index + 1;
    }
}
