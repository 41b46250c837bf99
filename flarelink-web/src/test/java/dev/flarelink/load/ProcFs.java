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

    /** CPU time (user and system) of the PostgreSQL server and its backends so far, in clock ticks (1/100 s). */
    static long postgresCpuTicks(Path postmasterPid) {
        return postgres(postmasterPid)
                .mapToLong(ProcFs::cpuTicks)
                .filter(ticks -> ticks > 0)
                .sum();
    }

    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces: state is field 3,
            // utime field 14 and stime field 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static Stream<Long> postgres(Path postmasterPid) {
        try {
            long pid = Long.parseLong(Files.readAllLines(postmasterPid).get(0).trim());
            return ProcessHandle.of(pid)
                    .map(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants())
                            .map(ProcessHandle::pid))
                    .orElseGet(Stream::empty);
        } catch (IOException | RuntimeException e) {
            return Stream.empty();
        }
    }

    /**
     * The proportional set size (shared buffers split between the processes that map them) of the PostgreSQL
     * server whose postmaster.pid is given, and of all its backends, in kB.
     */
    static long postgresPss(Path postmasterPid) {
        List<Long> pids = postgres(postmasterPid).toList();
        if (pids.isEmpty()) {
            return -1;
        }
        return pids.stream()
                .mapToLong(pid -> kibibytes(pid, "smaps_rollup", "Pss:"))
                .filter(kb -> kb > 0)
                .sum();
    }
}
