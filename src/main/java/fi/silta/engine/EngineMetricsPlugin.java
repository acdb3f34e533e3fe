package fi.silta.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.metrics.Meter;
import org.camunda.bpm.engine.impl.metrics.MetricsRegistry;
import org.springframework.stereotype.Component;

/**
 * Gives the engine a metrics registry that also keeps, for each of the engine's own metrics
 * (activity-instance-start, job-successful, job-failed, ...), how many occurred on this node since
 * it started: live and only ever growing, as a Prometheus counter must be. The engine's own
 * registry counts in memory and hands its counts to the database every few minutes (clearing
 * them), so neither it nor the database sum is a live counter of a node ({@link EngineMetrics}).
 */
@Component
public class EngineMetricsPlugin extends AbstractProcessEnginePlugin {

    private final NodeTotalsRegistry registry = new NodeTotalsRegistry();

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setMetricsRegistry(registry);
    }

    /** The engine's metrics (by the engine's names) with their counts on this node since it started. */
    public Map<String, LongAdder> nodeTotals() {
        return registry.totals;
    }

    static final class NodeTotalsRegistry extends MetricsRegistry {

        final Map<String, LongAdder> totals = new ConcurrentHashMap<>();

        @Override
        public void createMeter(String name) {
            super.createMeter(name);
            totals.putIfAbsent(name, new LongAdder());
        }

        @Override
        public void createDbMeter(String name) {
            super.createDbMeter(name);
            totals.putIfAbsent(name, new LongAdder());
        }

        @Override
        protected void markOccurrence(Map<String, Meter> meters, String name, long times) {
            super.markOccurrence(meters, name, times);
            if (meters == dbMeters) {
                LongAdder total = totals.get(name);
                if (total != null) {
                    total.add(times);
                }
            }
        }
    }
}
