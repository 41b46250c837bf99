package dev.flarelink.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;

/**
 * Loads a key ring from a key file (same spec format as {@code FLARELINK_MASTER_KEY}), generating a file with one
 * fresh key and POSIX mode 0600 when none exists, for installs that set no master key in the environment.
 */
public final class KeyFiles {

    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private KeyFiles() {}

    /**
     * The key ring read from a key file, whether this call just generated the file, and whether group or others have
     * any permission on it; either flag is worth a one-line warning.
     */
    public record LoadedKeyring(Keyring keyring, Path file, boolean generated, boolean accessibleByOthers) {}

    /** Reads {@code file}, or creates it with one new key (id {@value Keyring#DEFAULT_KEY_ID}) if it is missing. */
    public static LoadedKeyring loadOrGenerate(Path file) {
        return loadOrGenerate(file, new SecureRandom());
    }

    /** As {@link #loadOrGenerate(Path)}, drawing a generated key from {@code random}. */
    public static LoadedKeyring loadOrGenerate(Path file, SecureRandom random) {
        if (Files.exists(file)) {
            return loaded(file);
        }
        Keyring generated = Keyring.of(Keyring.DEFAULT_KEY_ID, KeyMaterial.generate(random));
        try {
            write(file, generated);
            return new LoadedKeyring(generated, file, true, accessibleByOthers(file));
        } catch (FileAlreadyExistsException raced) {
            // Another process created it between our check and create: use theirs.
            return loaded(file);
        } catch (IOException e) {
            throw new InvalidKeyMaterialException("Cannot create key file " + file + ": " + describe(e));
        }
    }

    private static LoadedKeyring loaded(Path file) {
        return new LoadedKeyring(load(file), file, false, accessibleByOthers(file));
    }

    /** False where the file system has no POSIX permissions, since nothing can be checked there. */
    private static boolean accessibleByOthers(Path file) {
        if (!isPosix(file)) {
            return false;
        }
        try {
            return Files.getPosixFilePermissions(file).stream()
                    .anyMatch(permission -> permission.name().startsWith("GROUP_")
                            || permission.name().startsWith("OTHERS_"));
        } catch (IOException e) {
            throw new InvalidKeyMaterialException("Cannot read permissions of key file " + file + ": " + describe(e));
        }
    }

    private static boolean isPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Reads an existing key file. */
    public static Keyring load(Path file) {
        String spec;
        try {
            spec = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidKeyMaterialException("Cannot read key file " + file + ": " + describe(e));
        }
        try {
            return Keyring.parse(spec);
        } catch (InvalidKeyMaterialException e) {
            throw new InvalidKeyMaterialException("Key file " + file + ": " + e.getMessage());
        }
    }

    private static void write(Path file, Keyring keyring) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String content = "# Flarelink key ring: id:BASE64 per line, first is primary. Keep this file secret.\n"
                + keyring.toSpec();
        // CREATE_NEW with the mode set at creation: the key is never readable by others, not even briefly, and an
        // existing file is never overwritten.
        try (FileChannel channel = FileChannel.open(
                file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(file))) {
            channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
                : new FileAttribute<?>[0];
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }
}
