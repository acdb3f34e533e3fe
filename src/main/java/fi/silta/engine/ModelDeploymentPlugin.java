package fi.silta.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/** Runs {@link ModelDeployer} once the engine is built (auto-deployment is off). */
@Component
public class ModelDeploymentPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        new ModelDeployer(new PathMatchingResourcePatternResolver(getClass().getClassLoader()))
                .deploy(processEngine.getRepositoryService());
    }
}
