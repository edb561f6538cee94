package io.shoplake.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Waits until a time of the scheduler's clock; tests give one that moves a fake clock instead of waiting. */
@FunctionalInterface
public interface Sleeper {

    /** Returns at {@code time} or later; may return early when interrupted (the caller checks the clock). */
    void sleepUntil(Instant time) throws InterruptedException;

    /** Sleeps on the real clock, at most a minute at a time so a changed system clock is noticed. */
    static Sleeper of(Clock clock) {
        return time -> {
            Duration wait = Duration.between(clock.instant(), time);
            if (!wait.isNegative() && !wait.isZero()) {
                Thread.sleep(Math.min(wait.toMillis() + 1, Duration.ofMinutes(1).toMillis()));
            }
        };
    }
}
