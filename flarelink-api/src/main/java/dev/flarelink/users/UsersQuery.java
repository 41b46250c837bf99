package dev.flarelink.users;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Which page of the Users list: the order, a filter, a prefix of the e-mail or name, and where the previous page
 * ended (an opaque cursor).
 *
 * @param search a prefix of the e-mail address (any case) or of the name (as written); blank for everyone
 * @param after the cursor of the previous page's last row, or null for the first page
 * @param exactCount count the matching users exactly (a full scan, only on request)
 */
public record UsersQuery(
        Order order,
        Filter filter,
        @Nullable String search,
        @Nullable String after,
        boolean exactCount,
        int pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_SEARCH = 254;

    public enum Order {
        /** Newest first: ("createdAt", "id") descending, on user_createdAt_idx. */
        NEWEST,
        /** By e-mail address, A to Z, on the unique e-mail index. */
        EMAIL
    }

    public enum Filter {
        ALL,
        VERIFIED,
        UNVERIFIED,
        BANNED
    }

    public UsersQuery {
        search = search == null || search.isBlank() ? null : search.strip();
        after = after == null || after.isBlank() ? null : after;
        pageSize = Math.max(1, Math.min(pageSize, 200));
    }

    public static UsersQuery first() {
        return new UsersQuery(Order.NEWEST, Filter.ALL, null, null, false, DEFAULT_PAGE_SIZE);
    }

    /** Reads the order and filter words of a query string; an unknown word is refused with what is allowed. */
    public static UsersQuery of(
            @Nullable String order,
            @Nullable String filter,
            @Nullable String search,
            @Nullable String after,
            boolean exactCount) {
        Order o = parse(Order.class, order, Order.NEWEST, "order", "newest or email");
        Filter f = parse(Filter.class, filter, Filter.ALL, "filter", "all, verified, unverified or banned");
        if (search != null && search.strip().length() > MAX_SEARCH) {
            throw new UserInputException("q", "Search with at most " + MAX_SEARCH + " characters.");
        }
        return new UsersQuery(o, f, search, after, exactCount, DEFAULT_PAGE_SIZE);
    }

    private static <E extends Enum<E>> E parse(
            Class<E> type, @Nullable String raw, E fallback, String field, String allowed) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new UserInputException(field, "Choose " + allowed + " for " + field + ".");
        }
    }

    public UsersQuery next(String cursor) {
        return new UsersQuery(order, filter, search, cursor, exactCount, pageSize);
    }

    /** The cursor after a row: its ("createdAt", "id") when newest first, its e-mail when by e-mail. */
    static String cursor(Order order, String createdAt, String id, String email) {
        String raw = order == Order.NEWEST ? createdAt + "\n" + id : email;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The decoded cursor's parts, or a clear refusal when it was tampered with. */
    String[] cursorParts() {
        if (after == null) {
            return new String[0];
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
            if (order == Order.EMAIL) {
                return new String[] {raw};
            }
            String[] parts = raw.split("\n", -1);
            if (parts.length == 2) {
                return parts;
            }
        } catch (IllegalArgumentException notBase64) {
            // Same answer as a well-formed but wrong cursor.
        }
        throw new UserInputException("after", "This page link is damaged. Start again from the first page.");
    }
}
