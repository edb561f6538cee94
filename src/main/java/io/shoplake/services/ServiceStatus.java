package io.shoplake.services;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The observed state of one background service.
 *
 * @param kind the service
 * @param state running, stopped, or stale (a record whose host process is gone)
 * @param record what the host recorded, when there is a record
 * @param note a short human explanation, e.g. "already running" or "host 123 gone; stopped orphaned server 456"
 */
public record ServiceStatus(ServiceKind kind, State state, Optional<ServiceRecord> record, String note) {

    public ServiceStatus {
        requireNonNull(kind, "kind is null");
        requireNonNull(state, "state is null");
        requireNonNull(record, "record is null");
        requireNonNull(note, "note is null");
    }

    /** What a service is doing. */
    public enum State {
        RUNNING("running"),
        STOPPED("stopped"),
        STALE("stale pid");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
