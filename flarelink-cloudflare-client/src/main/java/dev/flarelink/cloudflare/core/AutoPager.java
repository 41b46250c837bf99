package dev.flarelink.cloudflare.core;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * A lazy view of all items across pages; each iteration starts again from the first page it was created with.
 *
 * @param <T> item type
 */
public final class AutoPager<T> implements Iterable<T> {

    private final Page<T> first;

    AutoPager(Page<T> first) {
        this.first = first;
    }

    @Override
    public Iterator<T> iterator() {
        return new PagingIterator<>(first);
    }

    /** A sequential stream over all items; pages are fetched as the stream is consumed. */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }

    private static final class PagingIterator<T> implements Iterator<T> {
        private Page<T> page;
        private Iterator<T> items;

        PagingIterator(Page<T> page) {
            this.page = page;
            this.items = page.items().iterator();
        }

        @Override
        public boolean hasNext() {
            // Loop because Cloudflare may return an empty page that still has a successor.
            while (!items.hasNext() && page.hasNextPage()) {
                page = page.nextPage();
                items = page.items().iterator();
            }
            return items.hasNext();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            @Nullable T item = items.next();
            return item;
        }
    }
}
