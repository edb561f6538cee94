package io.shoplake.cli.common;

import io.shoplake.config.ShoplakeConfig;
import io.shoplake.pipelines.flyers.FlyerEngagementConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The one registry of the pipelines' {@code shoplake.yaml} sections: key to the pipeline's typed section. */
public final class PipelineSections {

    private static final Map<String, Class<?>> SECTIONS = Map.of(
            FlyerEngagementConfig.KEY,
            FlyerEngagementConfig.class,
            io.shoplake.pipelines.customers360.Customers360Config.KEY,
            io.shoplake.pipelines.customers360.Customers360Config.class);

    private PipelineSections() {}

    /**
     * Resolves the config ({@code --config}, {@code SHOPLAKE_CONFIG}, {@code ./shoplake.yaml}, defaults) and checks
     * every section once, so an unknown key or a bad value fails at start-up with the file and the rule.
     */
    public static ShoplakeConfig resolve(Optional<Path> explicit) {
        ShoplakeConfig config = ShoplakeConfig.resolve(explicit).requireKnownSections(SECTIONS.keySet());
        SECTIONS.forEach(config::section);
        return config;
    }
}
