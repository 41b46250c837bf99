package dev.flarelink.resilience;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL 17 cluster (zonky binaries) with production durability: {@code fsync} and {@code synchronous_commit}
 * on (zonky's test defaults turn both off, which would make "no committed row lost" untestable). It can be killed
 * the hard way ({@code pg_ctl stop -m immediate}) and started again on the same port and data.
 */
final class DurablePostgres implements AutoCloseable {

    private final Path dataDirectory;
    private final EmbeddedPostgres postgres;
    private final int port;
    private final Path binDirectory;

    private DurablePostgres(Path dataDirectory, EmbeddedPostgres postgres) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
        this.port = postgres.getPort();
        this.binDirectory = locateBinaries(dataDirectory);
    }

    static DurablePostgres start() {
        try {
            Path directory = Files.createTempDirectory("flarelink-durable-pg-");
            return new DurablePostgres(directory, builder(directory).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A second cluster from a copy of this one's data directory (a file-system level backup), on a new port. */
    static DurablePostgres startFromCopy(Path dataCopy) {
        try {
            return new DurablePostgres(dataCopy, builder(dataCopy).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedPostgres.Builder builder(Path directory) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setPGStartupWait(Duration.ofSeconds(60));
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    Connection connect() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    String setting(String name) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("show " + name)) {
            r.next();
            return r.getString(1);
        }
    }

    /** Terminates every backend of other sessions: what a network cut or an admin's kill does to the app. */
    int terminateOtherBackends() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select count(*) filter (where pg_terminate_backend(pid)) from "
                        + "pg_stat_activity where pid <> pg_backend_pid() and backend_type = 'client backend'")) {
            r.next();
            return r.getInt(1);
        }
    }

    /** Kills the server without a shutdown checkpoint (crash semantics): recovery replays the WAL at next start. */
    void crash() {
        pgCtl("stop", "-m", "immediate");
    }

    /** Starts the cluster again on the same port and data directory after {@link #crash()}. */
    void restart() {
        pgCtl("start", "-w", "-t", "60", "-o",
                "-p " + port + " -c fsync=on -c synchronous_commit=on -c max_connections=300 -c timezone=UTC");
    }

    /** Stops cleanly (a checkpoint), for a cold file-system backup. */
    void stopCleanly() {
        pgCtl("stop", "-m", "fast");
    }

    private void pgCtl(String... args) {
        Path pgCtl = binDirectory().resolve("pg_ctl");
        List<String> command = new ArrayList<>(List.of(pgCtl.toString(), "-D", dataDirectory.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-l", dataDirectory.resolve("pg_ctl.log").toString()));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("pg_ctl " + String.join(" ", args) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Path binDirectory() {
        return binDirectory;
    }

    /** zonky unpacks its binaries under the temp directory; the running postmaster tells where (Linux /proc). */
    private static Path locateBinaries(Path dataDirectory) {
        try {
            long pid = Long.parseLong(
                    Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).getParent();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot locate the PostgreSQL binaries of " + dataDirectory, e);
        }
    }

    @Override
    public void close() {
        try {
            if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
                postgres.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
