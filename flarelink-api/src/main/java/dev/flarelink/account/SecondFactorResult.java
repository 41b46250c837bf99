package dev.flarelink.account;

/** How a second-step code was taken: a code from the app, or one of the recovery codes (which is now used up). */
public enum SecondFactorResult {
    TOTP,
    RECOVERY_CODE,
    REFUSED
}
