package dev.flarelink.cloudflare.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Where the sandbox keeps its files: {@code state.json} (accounts, tokens, resources, KV, audit), one SQLite file
 * per D1 database under {@code d1/}, and R2 object bytes under {@code r2/}. Without a data directory it uses a
 * temporary one, never writes {@code state.json}, and deletes the directory on close.
 */
final class StateStore {

    private final Path root;
    private final boolean persistent;

    StateStore(Path root, boolean persistent) {
        this.root = root;
        this.persistent = persistent;
    }

    static StateStore open(@Nullable Path dataDirectory) {
        try {
            if (dataDirectory == null) {
                return new StateStore(Files.createTempDirectory("cloudflare-sandbox"), false);
            }
            Files.createDirectories(dataDirectory);
            return new StateStore(dataDirectory, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean hasSavedState() {
        return persistent && Files.exists(stateFile());
    }

    SandboxState load() {
        if (!hasSavedState()) {
            return new SandboxState();
        }
        try {
            return Json.MAPPER.readValue(Files.readAllBytes(stateFile()), SandboxState.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void save(SandboxState state) {
        if (!persistent) {
            return;
        }
        try {
            Path temp = root.resolve("state.json.tmp");
            Files.write(temp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
            Files.move(temp, stateFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    Path d1File(String uuid) {
        return directory("d1").resolve(uuid + ".sqlite");
    }

    Path objectFile(String accountId, String bucket, String fileName) {
        return directory("r2").resolve(accountId).resolve(bucket).resolve(fileName);
    }

    /** Deletes D1 files and R2 objects (used by reset), keeping the directory itself. */
    void wipeData() {
        deleteTree(root.resolve("d1"));
        deleteTree(root.resolve("r2"));
    }

    void close() {
        if (!persistent) {
            deleteTree(root);
        }
    }

    private Path stateFile() {
        return root.resolve("state.json");
    }

    private Path directory(String name) {
        try {
            return Files.createDirectories(root.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
