package dev.flarelink.account;

/**
 * What the enrolment page shows once, to be scanned or typed into an authenticator app. Never logged.
 *
 * @param secret the shared secret in Base32, as apps accept it typed in
 * @param uri the {@code otpauth://} URI the QR code carries
 */
public record TotpEnrolment(String secret, String uri) {

    @Override
    public String toString() {
        return "TotpEnrolment[<redacted>]";
    }
}
