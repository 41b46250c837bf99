package dev.flarelink.cloudflare.core;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One page of a Cloudflare list; {@link #nextPage()} fetches the following page and {@link #autoPager()} walks
 * all remaining items lazily.
 *
 * @param <T> item type
 */
public final class Page<T> {

    private final List<T> items;
    private final @Nullable ResultInfo resultInfo;
    private final @Nullable Supplier<Page<T>> next;

    Page(List<T> items, @Nullable ResultInfo resultInfo, @Nullable Supplier<Page<T>> next) {
        this.items = List.copyOf(items);
        this.resultInfo = resultInfo;
        this.next = next;
    }

    /** A page with no successor, for endpoints that are not paginated. */
    public static <T> Page<T> single(List<T> items) {
        return new Page<>(items, null, null);
    }

    /** The items of this page. */
    public List<T> items() {
        return items;
    }

    /** The raw pagination info Cloudflare sent, if any. */
    public Optional<ResultInfo> resultInfo() {
        return Optional.ofNullable(resultInfo);
    }

    /** Whether another page can be fetched. */
    public boolean hasNextPage() {
        return next != null;
    }

    /** Fetches the next page (one HTTP call). */
    public Page<T> nextPage() {
        if (next == null) {
            throw new NoSuchElementException("no next page");
        }
        return next.get();
    }

    /** Iterates over the items of this and all following pages, fetching pages only when reached. */
    public AutoPager<T> autoPager() {
        return new AutoPager<>(this);
    }

    @Override
    public String toString() {
        return "Page[items=" + items.size() + ", hasNextPage=" + hasNextPage() + "]";
    }
}
