package dev.flarelink.cloudflare;

import java.util.ArrayList;
import java.util.List;

/** Collects every {@link ApiCallEvent} for assertions. */
public final class RecordingListener implements ApiCallListener {

    private final List<ApiCallEvent> events = new ArrayList<>();

    @Override
    public synchronized void onAttempt(ApiCallEvent event) {
        events.add(event);
    }

    public synchronized List<ApiCallEvent> events() {
        return List.copyOf(events);
    }

    public synchronized void clear() {
        events.clear();
    }
}
