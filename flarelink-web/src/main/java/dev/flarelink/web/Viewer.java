package dev.flarelink.web;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is looking at a page, for templates: {@code ${@viewer.signedIn()}}. The layout asks on every page; Spring
 * Security's {@code sec:authorize="isAuthenticated()"} parsed and evaluated an access expression each time, about a
 * tenth of a static page's CPU under load (issue 24). Same answer: signed in, not anonymous.
 */
@Component("viewer")
public class Viewer {

    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    /** Whether the request is a signed-in user's. */
    public boolean signedIn() {
        return trust.isAuthenticated(SecurityContextHolder.getContext().getAuthentication());
    }
}
