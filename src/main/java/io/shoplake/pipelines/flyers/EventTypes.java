package io.shoplake.pipelines.flyers;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The app event types shoplake knows; silver.events holds only these (and configured view or close events). */
public final class EventTypes {

    public static final String FLYER_OPEN = "flyer_open";
    public static final String ITEM_OPEN = "item_open";
    public static final String LIST_FLYERS = "list_flyers";
    public static final String SHOPPING_LIST_OPEN = "shopping_list_open";
    public static final String FAVORITE = "favorite";
    /** Not sent by today's app; accepted so a later app version can end views explicitly. */
    public static final String FLYER_CLOSE = "flyer_close";

    /** Known types in alphabetical order (the tie-break order of events that neither open nor close views). */
    public static final List<String> KNOWN = List.copyOf(
            new TreeSet<>(Set.of(FAVORITE, FLYER_CLOSE, FLYER_OPEN, ITEM_OPEN, LIST_FLYERS, SHOPPING_LIST_OPEN)));

    private EventTypes() {}

    /** Known types plus the view and close events {@code settings} name. */
    public static Set<String> accepted(MetricSettings settings) {
        Set<String> accepted = new TreeSet<>(KNOWN);
        accepted.addAll(settings.viewEvents());
        settings.closeEvent().ifPresent(accepted::add);
        return accepted;
    }
}
