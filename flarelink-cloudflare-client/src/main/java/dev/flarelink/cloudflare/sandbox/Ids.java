package dev.flarelink.cloudflare.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.zip.CRC32;

/** Identifier, token value and digest helpers shaped like Cloudflare's. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private Ids() {}

    static String hex32() {
        return hex(16);
    }

    static String hex(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }

    /** A token value in the 2026 format: prefix, 40 random alphanumerics, an 8-hex checksum of those 40. */
    static String tokenValue(boolean accountOwned) {
        StringBuilder body = new StringBuilder(40);
        for (int i = 0; i < 40; i++) {
            body.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
        }
        CRC32 crc = new CRC32();
        crc.update(body.toString().getBytes(StandardCharsets.US_ASCII));
        return (accountOwned ? "cfat_" : "cfut_") + body + String.format("%08x", crc.getValue());
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256(data));
    }

    static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
