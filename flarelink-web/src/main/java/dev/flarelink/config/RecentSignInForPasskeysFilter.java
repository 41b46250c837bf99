package dev.flarelink.config;

import dev.flarelink.account.web.SignIns;
import dev.flarelink.account.web.SignedInUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adding a passkey is a sensitive action: the registration ceremony starts only within 10 minutes of a sign-in or
 * confirmation. Otherwise it answers 403 with where to confirm, which the page's script follows.
 */
final class RecentSignInForPasskeysFilter extends OncePerRequestFilter {

    private final SignIns signIns;

    RecentSignInForPasskeysFilter(SignIns signIns) {
        this.signIns = signIns;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod())
                && request.getRequestURI().equals(request.getContextPath() + "/webauthn/register/options"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.getPrincipal() instanceof SignedInUser
                && !signIns.isRecent(request)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("application/json");
            response.getWriter()
                    .write("{\"confirm\":\"" + request.getContextPath() + "/account/confirm?next=/account/passkeys\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
