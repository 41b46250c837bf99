package dev.flarelink.cloudflare.core;

/**
 * Which page of a page-based list to fetch.
 *
 * @param page 1-based page number
 * @param perPage page size (Cloudflare accepts 1–1000 depending on the endpoint)
 */
public record PageRequest(int page, int perPage) {

    public PageRequest {
        if (page < 1) {
            throw new IllegalArgumentException("page is 1-based");
        }
        if (perPage < 1) {
            throw new IllegalArgumentException("perPage must be positive");
        }
    }

    /** The first page with Cloudflare's common default size of 20. */
    public static PageRequest first() {
        return new PageRequest(1, 20);
    }

    /** The first page with the given size. */
    public static PageRequest ofSize(int perPage) {
        return new PageRequest(1, perPage);
    }

    PageRequest next() {
        return new PageRequest(page + 1, perPage);
    }
}
