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

    /**
     * Kills the server without a shutdown checkpoint: SIGQUIT to the postmaster is PostgreSQL's immediate shutdown
     * (what {@code pg_ctl stop -m immediate} sends), so the next start replays the WAL as after a crash. Signals, not
     * pg_ctl, because pg_ctl refuses to run as root, which CI machines often are.
     */
    void crash() {
        signalAndWait("-QUIT");
    }

    /** Starts the postmaster again on the same port and data directory after {@link #crash()}. */
    void restart() {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // PostgreSQL refuses to run as root; like zonky, run it in a user namespace where it is not.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(
                binDirectory.resolve("postgres").toString(),
                "-D",
                dataDirectory.toString(),
                "-p",
                Integer.toString(port),
                "-c",
                "fsync=on",
                "-c",
                "synchronous_commit=on",
                "-c",
                "max_connections=300",
                "-c",
                "timezone=UTC"));
        try {
            new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dataDirectory.resolve("restart.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try (Connection c = connect()) {
                return;
            } catch (SQLException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL did not come back after the crash", notYet);
                }
                AppNode.sleep(Duration.ofMillis(200));
            }
        }
    }

    /** Stops cleanly (SIGINT: fast shutdown, with a checkpoint), for a cold file-system backup. */
    void stopCleanly() {
        signalAndWait("-INT");
    }

    private void signalAndWait(String signal) {
        long pid = postmasterPid();
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the postmaster " + pid + " did not stop after " + signal);
            }
            AppNode.sleep(Duration.ofMillis(100));
        }
    }

    private long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                    .get(0)
                    .trim());
        } catch (IOException e) {
            throw new UncheckedIOException("No running postmaster in " + dataDirectory, e);
        }
    }

    /** zonky unpacks its binaries under the temp directory; the running postmaster tells where (Linux /proc). */
    private static Path locateBinaries(Path dataDirectory) {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                    .get(0)
                    .trim());
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe"))
                    .getParent();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot locate the PostgreSQL binaries of " + dataDirectory, e);
        }
    }

    @Override
    public void close() {
        if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            signalAndWait("-INT");
        }
    }
}
