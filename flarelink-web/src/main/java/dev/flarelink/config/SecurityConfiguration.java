package dev.flarelink.config;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.AccountView;
import dev.flarelink.account.TwoFactorService;
import dev.flarelink.account.web.DeviceCookie;
import dev.flarelink.account.web.PendingSignIn;
import dev.flarelink.account.web.SignIns;
import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.files.R2Endpoint;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;

/**
 * Who may see what, how sign-in works, and the headers every response carries.
 *
 * <p>The CSP allows no inline script at all (the dashboard has none), so injected markup cannot run code.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * The policy; {@code connect-src} adds only R2's S3 origin (the Files page's presigned uploads go straight from
     * the browser to R2).
     */
    static String contentSecurityPolicy(String r2Source) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                + "connect-src 'self' " + r2Source + "; object-src 'none'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'";
    }

    private static final RequestMatcher EMAIL_PREVIEW =
            PathPatternRequestMatcher.withDefaults().matcher("/projects/{id}/auth/preview/{kind}");

    private static final String[] PUBLIC_PATHS = {
        "/",
        "/signin",
        "/signin/two-factor",
        "/forgot-password",
        "/reset-password",
        "/verify-email",
        // Sandbox mode's dashboard mail: no sign-in (whoever resets is signed out), this machine's browser only
        // (DashboardMailController); in any other mode no controller answers it, so it is a 404.
        "/outbox/dashboard",
        "/signup",
        "/trust",
        "/docs",
        "/docs/**",
        "/llms.txt",
        "/llms-full.txt",
        "/changelog",
        "/error",
        "/actuator/health",
        "/actuator/health/**",
        "/css/**",
        "/js/**",
        "/images/**",
        "/favicon.ico"
    };

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            SecurityContextRepository contextRepository,
            R2Endpoint r2,
            SignIns signIns,
            Clock clock,
            AccountService accounts)
            throws Exception {
        String policy = contentSecurityPolicy(r2.browserSource());
        // Passkeys: Spring Security's WebAuthn filters, with the repositories and relying party of
        // PasskeyConfiguration; a passkey sign-in ends as every sign-in does (SignIns), as a SignedInUser.
        http.setSharedObject(UserDetailsService.class, PasskeyConfiguration.passkeyUsers(accounts));
        http.webAuthn(passkeys -> passkeys.rpName("Flarelink")
                .disableDefaultRegistrationPage(true)
                .withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
                    @Override
                    public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
                        filter.setAuthenticationSuccessHandler(passkeySignedIn(signIns, accounts));
                        return filter;
                    }
                }));
        http.addFilterBefore(new RecentSignInForPasskeysFilter(signIns), AuthorizationFilter.class);
        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(PUBLIC_PATHS)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .securityContext(context -> context.securityContextRepository(contextRepository))
                .formLogin(form -> form.loginPage("/signin")
                        .loginProcessingUrl("/signin")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .authenticationDetailsSource(SignInDetails::new)
                        .successHandler(successHandler(accounts, signIns))
                        .failureHandler(new KeepAttemptedEmail(failureHandler(clock, accounts, signIns)))
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/signout")
                        .logoutSuccessUrl("/signin?signedOut")
                        .deleteCookies("SESSION", "__Host-SESSION"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        // DENY everywhere but the email preview, which only the dashboard frames (with its own
                        // sandboxed policy, AuthSettingsController.PREVIEW_POLICY).
                        .frameOptions(frame -> frame.disable())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new NegatedRequestMatcher(EMAIL_PREVIEW),
                                new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                EMAIL_PREVIEW,
                                new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.SAMEORIGIN)))
                        .addHeaderWriter(new StaticHeadersWriter(
                                "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")));
        return http.build();
    }

    // The only AuthenticationProvider bean: Spring Security builds the sign-in manager from it, and Boot then creates
    // no default user (whose generated password it would log). Not also handed to the filter chain: a provider in
    // both places would check, and count, every failed sign-in twice.
    @Bean
    AccountAuthenticationProvider accountAuthenticationProvider(AccountService accounts, TwoFactorService twoFactor) {
        return new AccountAuthenticationProvider(accounts, twoFactor);
    }

    /** Shared with the sign-up page, which signs the new user in itself. */
    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    /**
     * Goes on to /projects (or the page that asked for sign-in) and gives the browser a fresh device cookie. Sign-in
     * replaces the session's CSRF token; the new one is created here, before the redirect and in the same session
     * write. Left to the first page, two tabs opened at once would each create a different token and the later save
     * would silently invalidate the forms of the other tab.
     */
    private static AuthenticationSuccessHandler successHandler(AccountService accounts, SignIns signIns) {
        SavedRequestAwareAuthenticationSuccessHandler next = new SavedRequestAwareAuthenticationSuccessHandler();
        next.setDefaultTargetUrl("/projects");
        return (request, response, authentication) -> {
            if (authentication.getPrincipal() instanceof SignedInUser user) {
                DeviceCookie.write(accounts.issueDeviceCookie(user.id()), request, response);
                signIns.noteSignIn(user.id(), "password", request);
            }
            if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
                token.getToken();
            }
            next.onAuthenticationSuccess(request, response, authentication);
        };
    }

    private static AuthenticationSuccessHandler passkeySignedIn(SignIns signIns, AccountService accounts) {
        return (request, response, authentication) -> {
            AccountView account = accounts.findByEmail(authentication.getName())
                    .orElseThrow(() -> new BadCredentialsException("No such account"));
            signIns.signIn(account.id(), account.email(), "a passkey", request, response);
            response.setContentType("application/json");
            response.getWriter()
                    .write("{\"authenticated\":true,\"redirectUrl\":\"" + request.getContextPath() + "/projects\"}");
        };
    }

    /**
     * A right password on an account with two-factor lands here too: the session (on a fresh id) only remembers
     * whose second step is due, and the browser goes to that step.
     */
    private static AuthenticationFailureHandler failureHandler(Clock clock, AccountService accounts, SignIns signIns) {
        ExceptionMappingAuthenticationFailureHandler refused = refusedHandler();
        return (request, response, exception) -> {
            if (exception instanceof BadCredentialsException) {
                // In the account's own Activity log only, and written after the answer: neither the answer nor its
                // timing may tell whether the account exists.
                String email = request.getParameter("email");
                if (email != null) {
                    accounts.findByEmail(email)
                            .ifPresent(account -> signIns.recordLater(
                                    account.id(), "account.signin_failed", "failed", "wrong password", request));
                }
            }
            if (exception instanceof AccountAuthenticationProvider.SecondFactorRequiredException due) {
                request.getSession(true);
                request.changeSessionId();
                request.getSession()
                        .setAttribute(
                                PendingSignIn.ATTRIBUTE, new PendingSignIn(due.userId(), due.email(), clock.instant()));
                response.sendRedirect(request.getContextPath() + "/signin/two-factor");
                return;
            }
            refused.onAuthenticationFailure(request, response, exception);
        };
    }

    private static ExceptionMappingAuthenticationFailureHandler refusedHandler() {
        ExceptionMappingAuthenticationFailureHandler handler = new ExceptionMappingAuthenticationFailureHandler();
        handler.setExceptionMappings(Map.of(
                BadCredentialsException.class.getName(), "/signin?error",
                AccountAuthenticationProvider.ThrottledException.class.getName(), "/signin?throttled"));
        handler.setDefaultFailureUrl("/signin?error");
        return handler;
    }
}
