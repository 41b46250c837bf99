package dev.flarelink.web;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Tells every page whether Cloudflare is emulated, so the layout can say so plainly. */
@ControllerAdvice
class SandboxBannerAdvice {

    private final boolean sandbox;

    SandboxBannerAdvice(Environment environment) {
        this.sandbox = environment.acceptsProfiles(Profiles.of("sandbox"));
    }

    @ModelAttribute("sandboxMode")
    boolean sandboxMode() {
        return sandbox;
    }
}
