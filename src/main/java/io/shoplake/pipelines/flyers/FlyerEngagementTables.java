package io.shoplake.pipelines.flyers;

import io.shoplake.lakehouse.TableId;
import java.util.List;

/**
 * The flyer engagement tables and their grains.
 * <ul>
 *   <li>{@code silver.events}: one row per app event (input; see EventsSilver)</li>
 *   <li>{@code gold.flyer_time_daily}: one row per user_id, date</li>
 *   <li>{@code gold.merchant_flyer_report}: one row per merchant_id, flyer_id, user_id, date</li>
 *   <li>{@code gold.merchant_daily}: one row per merchant_id, date</li>
 * </ul>
 * Gold tables are partitioned by {@code date}; a run owns exactly the dates it was asked for.
 */
public final class FlyerEngagementTables {

    public static final TableId EVENTS = TableId.silver("events");
    public static final TableId FLYER_TIME_DAILY = TableId.gold("flyer_time_daily");
    public static final TableId MERCHANT_FLYER_REPORT = TableId.gold("merchant_flyer_report");
    public static final TableId MERCHANT_DAILY = TableId.gold("merchant_daily");
    public static final List<TableId> GOLD = List.of(FLYER_TIME_DAILY, MERCHANT_FLYER_REPORT, MERCHANT_DAILY);

    private FlyerEngagementTables() {}
}
