package dev.flarelink.cloudflare.d1;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /accounts/{account_id}/d1/database}.
 *
 * @param name database name
 * @param primaryLocationHint {@code wnam|enam|weur|eeur|apac|oc}, optional
 * @param jurisdiction {@code eu|fedramp|us}, optional (overrides the location hint)
 */
public record D1CreateParams(
        String name,
        @Nullable String primaryLocationHint,
        @Nullable String jurisdiction) {

    public static D1CreateParams named(String name) {
        return new D1CreateParams(name, null, null);
    }
}
