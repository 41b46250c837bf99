package dev.flarelink.support;

import java.util.UUID;

/** Unique e-mail addresses, so tests never collide in a shared database. */
public final class Emails {

    private Emails() {}

    public static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
