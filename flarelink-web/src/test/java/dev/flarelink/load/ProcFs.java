package dev.flarelink.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Memory figures from Linux's /proc; -1 where they cannot be read (another OS, or a process gone). */
final class ProcFs {

    private ProcFs() {}

    /** The value in kB of the line starting with {@code key} in /proc/{pid}/{file}, e.g. VmRSS in status. */
    static long kibibytes(long pid, String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", String.valueOf(pid), file));
            for (String line : lines) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The proportional set size (shared buffers split between the processes that map them) of the PostgreSQL
     * server whose postmaster.pid is given, and of all its backends, in kB.
     */
    static long postgresPss(Path postmasterPid) {
        try {
            long pid = Long.parseLong(Files.readAllLines(postmasterPid).get(0).trim());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElse(null);
            if (postmaster == null) {
                return -1;
            }
            long total = 0;
            for (long each : Stream.concat(Stream.of(postmaster), postmaster.descendants())
                    .mapToLong(ProcessHandle::pid)
                    .toArray()) {
                long pss = kibibytes(each, "smaps_rollup", "Pss:");
                if (pss > 0) {
                    total += pss;
                }
            }
            return total;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
