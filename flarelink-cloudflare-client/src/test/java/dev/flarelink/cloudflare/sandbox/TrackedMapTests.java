package dev.flarelink.cloudflare.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every way of changing the map is seen, so persistence never misses a KV entry or an object. */
class TrackedMapTests {

    private static TrackedMap<String, Integer> loaded() {
        TrackedMap<String, Integer> map = new TrackedMap<>();
        map.load("a", 1);
        map.load("b", 2);
        map.load("c", 3);
        map.load("d", 4);
        return map;
    }

    @Test
    void loadedEntriesAreNotChangesAndIterationIsSorted() {
        TrackedMap<String, Integer> map = loaded();

        assertThat(map.drainChanges()).isEmpty();
        assertThat(map.keySet()).containsExactly("a", "b", "c", "d");
    }

    @Test
    void putRemoveAndTheMapInterfacesDefaultMethodsAreTracked() {
        TrackedMap<String, Integer> map = loaded();

        map.put("e", 5);
        map.remove("a");
        map.remove("missing");
        map.putIfAbsent("f", 6);
        map.compute("b", (k, v) -> v == null ? 0 : v + 10);
        map.merge("c", 1, Integer::sum);

        assertThat(map.drainChanges()).containsExactly("e", "a", "f", "b", "c");
        assertThat(map).containsEntry("b", 12).containsEntry("c", 4).doesNotContainKey("a");
        assertThat(map.drainChanges()).as("drained once").isEmpty();
    }

    @Test
    void removalsThroughViewsAndIteratorsAreTracked() {
        TrackedMap<String, Integer> map = loaded();

        map.values().removeIf(v -> v == 2);
        map.keySet().remove("c");
        Iterator<Map.Entry<String, Integer>> it = map.entrySet().iterator();
        it.next();
        it.remove();

        assertThat(map.drainChanges()).containsExactlyInAnyOrder("b", "c", "a");
        assertThat(map.keySet()).containsExactly("d");

        map.clear();
        assertThat(map.drainChanges()).containsExactly("d");
    }

    @Test
    void entriesHandedOutCannotBeChangedBehindTheTracking() {
        TrackedMap<String, Integer> map = loaded();

        Map.Entry<String, Integer> entry = map.entrySet().iterator().next();

        assertThatThrownBy(() -> entry.setValue(9)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(map.get("a")).isEqualTo(1);
    }
}
