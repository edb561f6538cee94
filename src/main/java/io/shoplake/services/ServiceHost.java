package io.shoplake.services;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * The main class of a background JVM that runs one embedded server until it is told to stop (SIGTERM), started by
 * {@code shoplake services up}. Once the server accepts connections it writes a {@link ServiceRecord}; on a normal
 * shutdown it stops the server and removes the record.
 *
 * <p>Arguments: {@code SERVICE DATA_DIR PORT STATE_FILE LOG_FILE}.
 */
public final class ServiceHost {

    private ServiceHost() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 5) {
            System.err.println("usage: ServiceHost SERVICE DATA_DIR PORT STATE_FILE LOG_FILE");
            System.exit(2);
        }
        ServiceKind kind = ServiceKind.parse(args[0]);
        Path dataDirectory = Path.of(args[1]);
        int port = Integer.parseInt(args[2]);
        Path stateFile = Path.of(args[3]);
        EmbeddedService server;
        try {
            server = Services.start(kind, dataDirectory, port);
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        long pid = ProcessHandle.current().pid();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                server.close();
                            } finally {
                                ServiceRecord.read(stateFile)
                                        .filter(record -> record.hostPid() == pid)
                                        .ifPresent(record -> delete(stateFile));
                            }
                        },
                        "stop-" + kind.id()));
        new ServiceRecord(
                        kind.id(),
                        server.url(),
                        server.user(),
                        server.port(),
                        TrackedProcess.current(),
                        server.processes(),
                        server.dataDirectory().toString(),
                        args[4],
                        Instant.now())
                .write(stateFile);
        System.err.println(kind.id() + " ready at " + server.url());
        new CountDownLatch(1).await();
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            System.err.println("cannot remove " + file + ": " + e.getMessage());
        }
    }
}
