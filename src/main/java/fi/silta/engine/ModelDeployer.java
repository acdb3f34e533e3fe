package fi.silta.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Deploys every model, decision and form of {@code processes/} and {@code forms/} as one
 * deployment named {@value #DEPLOYMENT_NAME}, under names that do not depend on how Silta
 * was launched (jar, {@code spring-boot:run}, tests): {@code processes/x.bpmn},
 * {@code forms/y.form}. When nothing changed, nothing is deployed; when anything changed,
 * everything is deployed again together, so {@code formRefBinding="deployment"} always
 * finds its form.
 */
public class ModelDeployer {

    public static final String DEPLOYMENT_NAME = "silta";
    static final String[] FOLDERS = {"processes", "forms"};
    private static final Logger log = LoggerFactory.getLogger(ModelDeployer.class);

    private final ResourcePatternResolver resolver;

    public ModelDeployer(ResourcePatternResolver resolver) {
        this.resolver = resolver;
    }

    /** The resources to deploy, by their stable name, sorted. */
    public Map<String, Resource> resources() {
        Map<String, Resource> byName = new TreeMap<>();
        for (String folder : FOLDERS) {
            try {
                for (Resource resource : resolver.getResources("classpath*:" + folder + "/**/*")) {
                    String name = stableName(resource, folder);
                    if (name != null && isDeployable(name)) {
                        byName.putIfAbsent(name, resource);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return byName;
    }

    /** Deploys when something changed; returns the new deployment or {@code null}. */
    public Deployment deploy(RepositoryService repositoryService) {
        return deploy(repositoryService, DEPLOYMENT_NAME);
    }

    Deployment deploy(RepositoryService repositoryService, String deploymentName) {
        Map<String, Resource> resources = resources();
        DeploymentBuilder builder = repositoryService.createDeployment()
                .name(deploymentName)
                .source(DEPLOYMENT_NAME)
                // compare with the last deployment of this name; if any resource differs, deploy them all
                .enableDuplicateFiltering(false);
        for (Map.Entry<String, Resource> entry : resources.entrySet()) {
            try (InputStream in = entry.getValue().getInputStream()) {
                builder.addInputStream(entry.getKey(), new java.io.ByteArrayInputStream(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        long before = repositoryService.createDeploymentQuery().deploymentName(deploymentName).count();
        Deployment deployment = builder.deploy();
        long after = repositoryService.createDeploymentQuery().deploymentName(deploymentName).count();
        log.info("{} resources of processes/ and forms/: {}", resources.size(),
                after > before ? "deployed as " + deployment.getId() : "unchanged");
        return after > before ? deployment : null;
    }

    static boolean isDeployable(String name) {
        return name.endsWith(".bpmn") || name.endsWith(".dmn") || name.endsWith(".form");
    }

    /** {@code .../anything/processes/x/y.bpmn} → {@code processes/x/y.bpmn}, whatever the launcher. */
    static String stableName(Resource resource, String folder) {
        String url;
        try {
            url = resource.getURL().toString();
        } catch (IOException e) {
            return null;
        }
        int at = url.lastIndexOf("/" + folder + "/");
        if (at < 0 || url.endsWith("/")) {
            return null;
        }
        return url.substring(at + 1);
    }
}
