package dev.flarelink.trust.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.trust.TrustVerificationService;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives the projects pages the ids of the user's projects whose latest Worker check failed, for the drift banner.
 */
@ControllerAdvice(basePackages = "dev.flarelink.provisioning.web")
class DriftBannerAdvice {

    private final TrustVerificationService verification;

    DriftBannerAdvice(TrustVerificationService verification) {
        this.verification = verification;
    }

    @ModelAttribute("driftingProjects")
    Set<UUID> driftingProjects(@AuthenticationPrincipal @Nullable SignedInUser user) {
        return user == null ? Set.of() : verification.drifting(user.id());
    }
}
