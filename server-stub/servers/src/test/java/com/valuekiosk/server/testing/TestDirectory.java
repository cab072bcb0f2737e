package com.valuekiosk.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The one temporary directory of a test JVM for what its tests share (the development PKI, the
 * embedded PostgreSQL's data): owner-only, held by a file lock while the JVM lives, deleted when the
 * JVM ends. A JVM that could not clean up (killed with {@code kill -9}) leaves its directory
 * unlocked; the next test JVM stops the PostgreSQL it left running and deletes the directory.
 * Directories of other living test JVMs (other builds on the machine) are locked and left alone.
 *
 * <p>Per-test files belong in JUnit's {@code @TempDir}, which JUnit deletes itself.
 */
public final class TestDirectory {

    static final String PREFIX = "valuekiosk-test-";
    private static final String LOCK = ".owner.lock";
    /** The file PostgreSQL writes into its data directory; its first line is the postmaster's process id. */
    private static final String POSTMASTER_PID = "postmaster.pid";

    private static Path root;
    private static FileChannel lockChannel;
    private static FileLock lock;
    private static final List<Runnable> beforeDelete = new ArrayList<>();

    private TestDirectory() {
    }

    /** This JVM's shared directory, created (and older abandoned ones deleted) on first use. */
    public static synchronized Path get() {
        if (root == null) {
            Path temp = Path.of(System.getProperty("java.io.tmpdir"));
            deleteAbandoned(temp);
            try {
                // Files.createTempDirectory makes it rwx------ where the file system has POSIX permissions.
                Path created = Files.createTempDirectory(temp, PREFIX);
                lockChannel = FileChannel.open(created.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                lock = lockChannel.lock();
                root = created;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the tests' shared temporary directory", e);
            }
            Thread cleaner = new Thread(TestDirectory::deleteNow, "valuekiosk-test-directory-cleanup");
            Runtime.getRuntime().addShutdownHook(cleaner);
        }
        return root;
    }

    /** Runs {@code action} (e.g. stopping a database) before the directory is deleted at exit. */
    static synchronized void beforeDelete(Runnable action) {
        beforeDelete.add(action);
    }

    private static synchronized void deleteNow() {
        for (Runnable action : beforeDelete) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // Deleting comes next whatever happened: the directory must go.
                System.err.println("test cleanup: " + e);
            }
        }
        if (root == null) {
            return;
        }
        stopPostgresIn(root);
        deleteTree(root);
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // The directory is gone; so is the lock file.
        }
    }

    /** Deletes the directories of test JVMs that are gone: their lock is free. */
    static void deleteAbandoned(Path temp) {
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(temp, PREFIX + "*")) {
            for (Path candidate : candidates) {
                if (Files.isDirectory(candidate) && Files.isRegularFile(candidate.resolve(LOCK)) && isAbandoned(candidate)) {
                    stopPostgresIn(candidate);
                    deleteTree(candidate);
                }
            }
        } catch (IOException e) {
            // Not ours to insist on: this run's own directory is cleaned either way.
            System.err.println("test cleanup: cannot list " + temp + ": " + e);
        }
    }

    private static boolean isAbandoned(Path directory) {
        try (FileChannel channel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.WRITE)) {
            FileLock free = channel.tryLock();
            if (free == null) {
                return false;
            }
            free.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // this JVM's own
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills a PostgreSQL whose data directory lies under {@code directory}, if one still runs. */
    static void stopPostgresIn(Path directory) {
        try (var files = Files.walk(directory, 3)) {
            files.filter(file -> file.getFileName().toString().equals(POSTMASTER_PID)).forEach(pidFile -> {
                postmaster(pidFile).ifPresent(process -> {
                    // Its data is about to be deleted: nothing to shut down cleanly for.
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    try {
                        process.onExit().get(5, TimeUnit.SECONDS);
                    } catch (Exception notYet) {
                        System.err.println("test cleanup: PostgreSQL " + process.pid() + " did not stop");
                    }
                });
            });
        } catch (IOException | UncheckedIOException e) {
            // Nothing to stop, or the directory is already going away.
        }
    }

    private static Optional<ProcessHandle> postmaster(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid).filter(process -> process.info().command()
                    .map(command -> command.contains("postgres")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void deleteTree(Path directory) {
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            // Already deleted.
        } catch (IOException e) {
            System.err.println("test cleanup: cannot delete " + directory + ": " + e);
        }
    }
}
