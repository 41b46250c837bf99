package dev.flarelink.account;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Drops failed sign-ins once they are too old to count; harmless when several nodes run it at once. */
@Component
class SignInFailurePurge {

    private final SignInThrottle throttle;

    SignInFailurePurge(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void purge() {
        throttle.purgeExpired();
    }
}
