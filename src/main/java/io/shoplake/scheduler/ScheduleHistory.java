package io.shoplake.scheduler;

import java.util.List;

/** Where slot runs are recorded and read back: the scheduler's memory across restarts. */
public interface ScheduleHistory {

    /** Every recorded run of a schedule, in any order. */
    List<SlotRun> runs(String schedule);

    /** Records one finished slot run. */
    void record(SlotRun run);
}
