package dev.flarelink.config;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.web.SignIns;
import dev.flarelink.account.web.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Passkeys through Spring Security's WebAuthn support: its JDBC repositories on V23's tables, and the relying party
 * (the site passkeys are bound to) from {@code FLARELINK_PUBLIC_URL}. Unset, it is {@code localhost} on the port the
 * dashboard listens on; in production it must be set to the dashboard's https address, or start-up fails saying so.
 */
@Configuration(proxyBeanMethods = false)
class PasskeyConfiguration {

    /** The site passkeys are bound to: its id (a host name) and the exact origins a ceremony may come from. */
    record RelyingParty(String id, Set<String> origins, boolean fromPort) {}

    @Bean
    RelyingParty passkeyRelyingParty(@Value("${flarelink.public-url:}") String publicUrl, Environment environment) {
        boolean production = environment.acceptsProfiles(Profiles.of("production"));
        if (publicUrl.isBlank()) {
            if (production) {
                throw new IllegalStateException("Set FLARELINK_PUBLIC_URL to the https address people open the "
                        + "dashboard at (for example https://flarelink.example.com): passkeys are bound to it.");
            }
            // Filled in with the real port once the server listens (see localOrigin).
            return new RelyingParty("localhost", ConcurrentHashMap.newKeySet(), true);
        }
        URI url = parse(publicUrl);
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost().toLowerCase(Locale.ROOT);
        if (production && (!scheme.equals("https") || host.equals("localhost"))) {
            throw new IllegalStateException("FLARELINK_PUBLIC_URL is " + publicUrl + ", but in production it must be "
                    + "the https address of the dashboard (for example https://flarelink.example.com).");
        }
        String origin = scheme + "://" + host + (url.getPort() == -1 ? "" : ":" + url.getPort());
        Set<String> origins = ConcurrentHashMap.newKeySet();
        origins.add(origin);
        return new RelyingParty(host, origins, false);
    }

    @Bean
    ApplicationListener<WebServerInitializedEvent> passkeyLocalOrigin(RelyingParty relyingParty) {
        return event -> {
            if (relyingParty.fromPort()) {
                relyingParty
                        .origins()
                        .add("http://localhost:" + event.getWebServer().getPort());
            }
        };
    }

    @Bean
    PublicKeyCredentialUserEntityRepository passkeyUserEntities(JdbcOperations jdbc) {
        return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
    }

    @Bean
    UserCredentialRepository passkeyCredentials(JdbcOperations jdbc, SignIns signIns) {
        return new RecordingCredentials(new JdbcUserCredentialRepository(jdbc), signIns);
    }

    @Bean
    WebAuthnRelyingPartyOperations passkeyOperations(
            PublicKeyCredentialUserEntityRepository userEntities,
            UserCredentialRepository credentials,
            RelyingParty relyingParty) {
        // The origins set is read at every ceremony, so the port added at start-up counts.
        return new OwnerChecking(
                new Webauthn4JRelyingPartyOperations(
                        userEntities,
                        credentials,
                        PublicKeyCredentialRpEntity.builder()
                                .id(relyingParty.id())
                                .name("Flarelink")
                                .build(),
                        relyingParty.origins()),
                credentials);
    }

    @Bean
    PublicKeyCredentialCreationOptionsRepository passkeyCreationOptions() {
        return new SessionCreationOptionsRepository();
    }

    /** Who a passkey signs in: the account of the e-mail its user entity names. No password is involved. */
    static UserDetailsService passkeyUsers(AccountService accounts) {
        return email -> accounts.findByEmail(email)
                .map(account -> User.withUsername(account.email())
                        .password("")
                        .authorities("ROLE_USER")
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("No such account"));
    }

    private static URI parse(String publicUrl) {
        try {
            URI url = URI.create(publicUrl.trim());
            if (url.getScheme() == null || url.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "FLARELINK_PUBLIC_URL must be an address like https://flarelink.example.com;" + " it is "
                            + publicUrl);
        }
    }

    /** Records a new passkey in the Activity log (Spring Security's filter saves it; updates are sign-ins). */
    static final class RecordingCredentials implements UserCredentialRepository {

        private final UserCredentialRepository delegate;
        private final SignIns signIns;

        RecordingCredentials(UserCredentialRepository delegate, SignIns signIns) {
            this.delegate = delegate;
            this.signIns = signIns;
        }

        @Override
        public void delete(org.springframework.security.web.webauthn.api.Bytes credentialId) {
            delegate.delete(credentialId);
        }

        @Override
        public void save(CredentialRecord record) {
            boolean added = delegate.findByCredentialId(record.getCredentialId()) == null;
            delegate.save(record);
            HttpServletRequest request = currentRequest();
            if (added
                    && request != null
                    && org.springframework.security.core.context.SecurityContextHolder.getContext()
                                    .getAuthentication()
                            != null
                    && org.springframework.security.core.context.SecurityContextHolder.getContext()
                                    .getAuthentication()
                                    .getPrincipal()
                            instanceof SignedInUser user) {
                signIns.record(
                        user.id(), "account.passkey_added", "ok", "passkey “" + record.getLabel() + "”", request);
            }
        }

        @Override
        public @Nullable CredentialRecord findByCredentialId(
                org.springframework.security.web.webauthn.api.Bytes credentialId) {
            return delegate.findByCredentialId(credentialId);
        }

        @Override
        public List<CredentialRecord> findByUserId(org.springframework.security.web.webauthn.api.Bytes userId) {
            return delegate.findByUserId(userId);
        }

        private static @Nullable HttpServletRequest currentRequest() {
            return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                    ? attributes.getRequest()
                    : null;
        }
    }

    /**
     * WebAuthn's step "verify that the user identified by response.userHandle is the owner of the credential" (Level
     * 3, §7.2 step 6), which Spring Security 7.0 leaves out: it signs in the credential's owner whatever user the
     * assertion names. Here an assertion whose user handle is not its credential's owner is refused, and so is a
     * discoverable sign-in (no credentials listed in the options) without a user handle. Checked before the delegate
     * runs, so a refused assertion does not even count as the passkey's use.
     */
    static final class OwnerChecking implements WebAuthnRelyingPartyOperations {

        private final WebAuthnRelyingPartyOperations delegate;
        private final UserCredentialRepository credentials;

        OwnerChecking(WebAuthnRelyingPartyOperations delegate, UserCredentialRepository credentials) {
            this.delegate = delegate;
            this.credentials = credentials;
        }

        @Override
        public PublicKeyCredentialCreationOptions createPublicKeyCredentialCreationOptions(
                PublicKeyCredentialCreationOptionsRequest request) {
            return delegate.createPublicKeyCredentialCreationOptions(request);
        }

        @Override
        public CredentialRecord registerCredential(RelyingPartyRegistrationRequest request) {
            return delegate.registerCredential(request);
        }

        @Override
        public PublicKeyCredentialRequestOptions createCredentialRequestOptions(
                PublicKeyCredentialRequestOptionsRequest request) {
            return delegate.createCredentialRequestOptions(request);
        }

        @Override
        public PublicKeyCredentialUserEntity authenticate(RelyingPartyAuthenticationRequest request) {
            CredentialRecord record =
                    credentials.findByCredentialId(request.getPublicKey().getRawId());
            if (record == null) {
                throw new BadCredentialsException("No passkey is registered with this credential id");
            }
            Bytes userHandle = request.getPublicKey().getResponse().getUserHandle();
            List<?> listed = request.getRequestOptions().getAllowCredentials();
            if (userHandle == null && (listed == null || listed.isEmpty())) {
                throw new BadCredentialsException("A passkey sign-in must name its user (no user handle)");
            }
            if (userHandle != null && !userHandle.equals(record.getUserEntityUserId())) {
                throw new BadCredentialsException("The passkey belongs to another user than the one it names");
            }
            return delegate.authenticate(request);
        }
    }
}
