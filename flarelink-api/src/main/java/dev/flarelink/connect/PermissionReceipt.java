package dev.flarelink.connect;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Which of the five permissions a token had when it was last probed. */
public record PermissionReceipt(Set<Permission> granted) {

    public PermissionReceipt {
        granted = granted.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(granted));
    }

    public boolean has(Permission permission) {
        return granted.contains(permission);
    }

    public List<Permission> missingRequired() {
        return Permission.requiredOnes().stream().filter(p -> !has(p)).toList();
    }

    public boolean oneClickR2Keys() {
        return has(Permission.API_TOKENS);
    }

    /** One line per permission, in table order, for pages. */
    public List<Line> lines() {
        return Arrays.stream(Permission.values()).map(p -> new Line(p, has(p))).toList();
    }

    String encode() {
        return granted.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    static PermissionReceipt decode(String text) {
        if (text.isBlank()) {
            return new PermissionReceipt(Set.of());
        }
        return new PermissionReceipt(
                Arrays.stream(text.split(",")).map(Permission::valueOf).collect(Collectors.toUnmodifiableSet()));
    }

    /** A permission and whether it was granted. */
    public record Line(Permission permission, boolean granted) {}
}
