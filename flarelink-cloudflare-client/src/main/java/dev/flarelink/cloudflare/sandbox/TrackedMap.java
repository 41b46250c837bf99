package dev.flarelink.cloudflare.sandbox;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A sorted map that remembers which keys were put or removed since the store last drained it, so persistence writes
 * only those entries (KV entries, R2 object metadata) instead of the whole collection. Every mutation path of the
 * {@link Map} interface, its views and their iterators ends in {@link #put} or a tracked removal. A value changed in
 * place without a put is not seen: replace values, do not mutate them.
 */
final class TrackedMap<K extends Comparable<K>, V> extends AbstractMap<K, V> {

    private final TreeMap<K, V> entries = new TreeMap<>();
    private final Set<K> changed = new LinkedHashSet<>();
    private final EntrySet entrySet = new EntrySet();

    @Override
    public V put(K key, V value) {
        changed.add(key);
        return entries.put(key, value);
    }

    @Override
    public V get(Object key) {
        return entries.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V remove(Object key) {
        if (!entries.containsKey(key)) {
            return null;
        }
        changed.add((K) key);
        return entries.remove(key);
    }

    @Override
    public void clear() {
        changed.addAll(entries.keySet());
        entries.clear();
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return entrySet;
    }

    /** Puts an entry read from the store, which is not a change to write back. */
    void load(K key, V value) {
        entries.put(key, value);
    }

    /** The keys changed since the last call, each once; the set is cleared. */
    Set<K> drainChanges() {
        if (changed.isEmpty()) {
            return Set.of();
        }
        Set<K> drained = new LinkedHashSet<>(changed);
        changed.clear();
        return drained;
    }

    private final class EntrySet extends AbstractSet<Entry<K, V>> {

        @Override
        public Iterator<Entry<K, V>> iterator() {
            Iterator<Entry<K, V>> inner = entries.entrySet().iterator();
            return new Iterator<>() {
                private K last;

                @Override
                public boolean hasNext() {
                    return inner.hasNext();
                }

                @Override
                public Entry<K, V> next() {
                    Entry<K, V> next = inner.next();
                    last = next.getKey();
                    // setValue on the entry would bypass tracking, so the entry handed out is read-only
                    return new SimpleImmutableEntry<>(next);
                }

                @Override
                public void remove() {
                    inner.remove();
                    changed.add(last);
                }
            };
        }

        @Override
        public int size() {
            return entries.size();
        }
    }
}
