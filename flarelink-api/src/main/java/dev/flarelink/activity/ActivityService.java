package dev.flarelink.activity;

import dev.flarelink.cloudflare.ApiCallListener;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** The Activity log's facade for the dashboard: record actions, verify a user's chain. */
@Service
public class ActivityService {

    private final ActivityRecorder recorder;
    private final ChainVerifier verifier;

    ActivityService(ActivityRecorder recorder, ChainVerifier verifier) {
        this.recorder = recorder;
        this.verifier = verifier;
    }

    /** Records a dashboard action (connected, provisioned, row inserted...) for its user. */
    public ActivityEntry recordAction(ActivityEntry action) {
        return recorder.append(action);
    }

    /**
     * The listener to hand to {@code CloudflareClient.withToken(token, listener)}: every HTTP attempt made through
     * that view becomes an event of {@code actor}.
     */
    public ApiCallListener listenerFor(ActivityActor actor) {
        return new ActivityCallListener(recorder, actor);
    }

    /** Re-computes the user's chain and reports the first broken link, if any. */
    public IntegrityReport verify(UUID userId) {
        return verifier.verify(userId);
    }
}
