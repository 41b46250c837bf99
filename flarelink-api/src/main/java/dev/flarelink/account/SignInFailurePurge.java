package dev.flarelink.account;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Drops failed sign-ins once they are too old to count; harmless when several nodes run it at once. */
@Component
class SignInFailurePurge {

    private final SignInThrottle throttle;
    private final SignUpThrottle signUps;

    SignInFailurePurge(SignInThrottle throttle, SignUpThrottle signUps) {
        this.throttle = throttle;
        this.signUps = signUps;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void purge() {
        throttle.purgeExpired();
        signUps.purgeExpired();
    }
}
