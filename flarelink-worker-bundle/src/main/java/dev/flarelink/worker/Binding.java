package dev.flarelink.worker;

import java.util.Locale;
import java.util.Objects;

/**
 * A binding the Worker expects at upload, e.g. {@code DB} of type {@code d1}.
 *
 * @param name the variable name the Worker reads from {@code env}
 * @param type the binding type as the Workers script-upload metadata spells it
 */
public record Binding(String name, Type type) {

    public Binding {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** The binding kinds the auth Worker uses. */
    public enum Type {
        D1,
        KV_NAMESPACE,
        SEND_EMAIL;

        /** The {@code type} value in the Workers upload metadata ({@code d1}, {@code kv_namespace}, ...). */
        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Type fromApiName(String apiName) {
            return valueOf(apiName.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** Parses {@code NAME:type} as written in {@code bundle.properties}. */
    static Binding parse(String pair) {
        int colon = pair.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("binding must be NAME:type, got " + pair);
        }
        return new Binding(pair.substring(0, colon).trim(), Type.fromApiName(pair.substring(colon + 1)));
    }
}
