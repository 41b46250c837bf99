package dev.flarelink.files;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * When the browser uploads a file in parts, and how large the parts are. R2 takes at most 5 GiB in one PUT and
 * multipart parts of 5 MiB to 5 GiB, all the same size but the last, at most 10,000 of them.
 * Files larger than {@code flarelink.files.multipart-threshold} (100 MiB) go in parts of
 * {@code flarelink.files.multipart-part-size} (16 MiB), raised for a file that would otherwise need more than 10,000.
 */
@Component
public class MultipartSettings {

    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
    static final int MAX_PARTS = 10_000;
    /** R2's largest object: 5 TiB less 5 GiB. */
    static final long MAX_OBJECT_SIZE = 5L * 1024 * 1024 * 1024 * 1024 - MAX_PART_SIZE;

    private final long threshold;
    private final long partSize;

    @Autowired
    MultipartSettings(
            @Value("${flarelink.files.multipart-threshold:100MB}") DataSize threshold,
            @Value("${flarelink.files.multipart-part-size:16MB}") DataSize partSize) {
        this(threshold.toBytes(), partSize.toBytes());
    }

    MultipartSettings(long threshold, long partSize) {
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException(
                    "flarelink.files.multipart-part-size must be between 5MB and 5GB (R2's part limits)");
        }
        if (threshold < 1 || threshold > MAX_PART_SIZE) {
            throw new IllegalArgumentException(
                    "flarelink.files.multipart-threshold must be between 1B and 5GB (R2's largest single upload)");
        }
        this.threshold = threshold;
        this.partSize = partSize;
    }

    /** Files larger than this many bytes are uploaded in parts. */
    public long threshold() {
        return threshold;
    }

    /** The configured size of every part but the last. */
    public long partSize() {
        return partSize;
    }

    /** The part size for a file of {@code size} bytes: the configured one, or larger to stay within 10,000 parts. */
    long partSizeFor(long size) {
        long needed = (size + MAX_PARTS - 1) / MAX_PARTS;
        long mebibyte = 1024 * 1024;
        long rounded = (needed + mebibyte - 1) / mebibyte * mebibyte;
        return Math.max(partSize, rounded);
    }
}
