package io.shoplake.scheduler;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The one scheduler of a lake: an operating-system lock on {@code <state>/scheduler.lock}, so a second scheduler
 * on the same lake stops instead of running every due slot a second time. The OS releases the lock when its process
 * ends, even after kill -9, so a crashed scheduler never blocks the next one.
 */
public final class SchedulerLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private SchedulerLock(FileChannel channel, FileLock lock) {
        this.channel = requireNonNull(channel, "channel is null");
        this.lock = requireNonNull(lock, "lock is null");
    }

    /**
     * Takes the lock, or says who holds it.
     *
     * @throws IllegalStateException when another scheduler (in this or another process) holds it
     */
    public static SchedulerLock acquire(Path stateDirectory) {
        Path file = stateDirectory.resolve("scheduler.lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(stateDirectory);
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = holder(file).map(h -> " (" + h + ")").orElse("");
                channel.close();
                throw new IllegalStateException("another scheduler is running on this lake" + holder
                        + "; run one scheduler per lake (lock: " + file + ")");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", since " + Instant.now())
                    .getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
            return new SchedulerLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this JVM
        }
    }

    private static Optional<String> holder(Path file) {
        try {
            return Optional.of(Files.readString(file).strip()).filter(text -> !text.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock error is the one to report
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the scheduler lock: " + e.getMessage(), e);
        }
    }
}
