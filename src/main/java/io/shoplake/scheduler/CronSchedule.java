package io.shoplake.scheduler;

import static java.util.Objects.requireNonNull;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.shoplake.config.ShoplakeConfig;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A schedule ready to run: its Unix cron expression (parsed by cron-utils) read in its time zone, and its command
 * line split into arguments. {@code ${slot}} in the command becomes the slot time (ISO instant) and
 * {@code ${slot_date}} its date in the schedule's zone.
 */
public final class CronSchedule {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String name;
    private final String cron;
    private final String command;
    private final ZoneId zone;
    private final ExecutionTime executionTime;
    private final List<String> arguments;

    public CronSchedule(String name, String cron, String command, ZoneId zone) {
        this.name = requireNonNull(name, "name is null");
        this.cron = requireNonNull(cron, "cron is null");
        this.command = requireNonNull(command, "command is null");
        this.zone = requireNonNull(zone, "zone is null");
        try {
            this.executionTime = ExecutionTime.forCron(PARSER.parse(cron));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("schedule " + name
                    + ": cron must be a Unix cron expression with 5 fields (e.g. '0 * * * *'), was: '" + cron + "' ("
                    + e.getMessage() + ")");
        }
        this.arguments = CommandLineSplitter.split(command);
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("schedule " + name + ": command is empty");
        }
    }

    /** The schedule as configured in {@code shoplake.yaml}. */
    public static CronSchedule of(ShoplakeConfig.Schedule schedule) {
        ZoneId zone;
        try {
            zone = ZoneId.of(schedule.timeZone());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("schedule " + schedule.name()
                    + ": time-zone must be a zone id such as UTC or Europe/Berlin, was: " + schedule.timeZone());
        }
        return new CronSchedule(schedule.name(), schedule.cron(), schedule.command(), zone);
    }

    public String name() {
        return name;
    }

    public String cron() {
        return cron;
    }

    public String command() {
        return command;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first slot strictly after {@code time}; empty when the expression has no more (not for Unix cron). */
    public Optional<Instant> nextAfter(Instant time) {
        return executionTime.nextExecution(time.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    /** The latest slot at or before {@code time}. */
    public Optional<Instant> latestAtOrBefore(Instant time) {
        // Unix cron slots fall on whole minutes, so "before time + 1 s" includes a slot exactly at time.
        return executionTime
                .lastExecution(time.plusSeconds(1).atZone(zone))
                .map(ZonedDateTime::toInstant)
                .filter(slot -> !slot.isAfter(time));
    }

    /** Every slot in {@code (after, until]}, oldest first. */
    public List<Instant> slotsBetween(Instant after, Instant until) {
        List<Instant> slots = new ArrayList<>();
        Optional<Instant> next = nextAfter(after);
        while (next.isPresent() && !next.get().isAfter(until)) {
            slots.add(next.get());
            next = nextAfter(next.get());
        }
        return slots;
    }

    /** The command's arguments for one slot, with {@code ${slot}} and {@code ${slot_date}} filled in. */
    public List<String> argumentsFor(Instant slot) {
        String instant = DateTimeFormatter.ISO_INSTANT.format(slot);
        String date = slot.atZone(zone).toLocalDate().toString();
        return arguments.stream()
                .map(a -> a.replace("${slot}", instant).replace("${slot_date}", date))
                .toList();
    }
}
