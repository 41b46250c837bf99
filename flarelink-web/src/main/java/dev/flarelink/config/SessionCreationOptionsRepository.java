package dev.flarelink.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.webauthn.api.AttestationConveyancePreference;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;

/**
 * Keeps a passkey registration's options in the HTTP session between the two requests of the ceremony. Spring
 * Security's own repository stores the options object, which is not serializable, and sessions here live in
 * PostgreSQL; this keeps the parts the registration check reads (challenge, user, relying party, user-verification
 * rule, algorithms) as a small serializable record and rebuilds them, exactly as Spring Security's defaults make them.
 */
final class SessionCreationOptionsRepository implements PublicKeyCredentialCreationOptionsRepository {

    static final String ATTRIBUTE = "flarelink.passkeyRegistration";

    private record Saved(
            byte[] challenge,
            byte[] userId,
            String userName,
            String userDisplayName,
            String rpId,
            String rpName,
            String userVerification)
            implements Serializable {}

    @Override
    public void save(
            HttpServletRequest request,
            HttpServletResponse response,
            @Nullable PublicKeyCredentialCreationOptions options) {
        if (options == null) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.removeAttribute(ATTRIBUTE);
            }
            return;
        }
        request.getSession()
                .setAttribute(
                        ATTRIBUTE,
                        new Saved(
                                options.getChallenge().getBytes(),
                                options.getUser().getId().getBytes(),
                                options.getUser().getName(),
                                options.getUser().getDisplayName(),
                                options.getRp().getId(),
                                options.getRp().getName(),
                                options.getAuthenticatorSelection()
                                        .getUserVerification()
                                        .getValue()));
    }

    @Override
    public @Nullable PublicKeyCredentialCreationOptions load(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof Saved saved)) {
            return null;
        }
        return PublicKeyCredentialCreationOptions.builder()
                .attestation(AttestationConveyancePreference.NONE)
                .pubKeyCredParams(
                        PublicKeyCredentialParameters.EdDSA,
                        PublicKeyCredentialParameters.ES256,
                        PublicKeyCredentialParameters.RS256)
                .authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                        .userVerification(userVerification(saved.userVerification()))
                        .residentKey(ResidentKeyRequirement.REQUIRED)
                        .build())
                .challenge(new Bytes(saved.challenge()))
                .timeout(Duration.ofMinutes(5))
                .user(ImmutablePublicKeyCredentialUserEntity.builder()
                        .id(new Bytes(saved.userId()))
                        .name(saved.userName())
                        .displayName(saved.userDisplayName())
                        .build())
                .rp(PublicKeyCredentialRpEntity.builder()
                        .id(saved.rpId())
                        .name(saved.rpName())
                        .build())
                .build();
    }

    private static UserVerificationRequirement userVerification(String value) {
        return switch (value) {
            case "required" -> UserVerificationRequirement.REQUIRED;
            case "discouraged" -> UserVerificationRequirement.DISCOURAGED;
            default -> UserVerificationRequirement.PREFERRED;
        };
    }
}
