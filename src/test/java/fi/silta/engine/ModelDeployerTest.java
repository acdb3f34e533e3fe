package fi.silta.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import fi.silta.support.SiltaIntegrationTest;

/**
 * The same models from a jar and from a folder (as from the fat jar and from spring-boot:run)
 * are the same deployment; a changed model gives exactly one new deployment that holds every
 * model and form.
 */
@SiltaIntegrationTest
class ModelDeployerTest {

    @Autowired RepositoryService repositoryService;
    @TempDir Path temp;

    @Test
    void namesDoNotDependOnHowSiltaIsLaunched() throws IOException {
        Path folder = copyOfModels(temp.resolve("classes"));
        Path jar = jarOf(folder, temp.resolve("silta.jar"));
        assertThat(deployer(folder).resources().keySet()).isEqualTo(deployer(jar).resources().keySet())
                .contains("processes/organisationContactVerification.bpmn", "forms/verify-contact.form",
                        "forms/contact-more-info.form");
    }

    @Test
    void unchangedModelsAreNotDeployedAgainAndAChangeDeploysEverythingOnce() throws IOException {
        String name = "silta-test-" + UUID.randomUUID();
        Path folder = copyOfModels(temp.resolve("classes"));
        Path jar = jarOf(folder, temp.resolve("silta.jar"));

        Deployment first = deployer(folder).deploy(repositoryService, name);
        assertThat(first).isNotNull();
        assertThat(deployer(jar).deploy(repositoryService, name)).as("same models from the jar").isNull();
        assertThat(deployer(folder).deploy(repositoryService, name)).as("same models from the folder").isNull();
        assertThat(repositoryService.createDeploymentQuery().deploymentName(name).count()).isEqualTo(1);

        Path bpmn = folder.resolve("processes/organisationContactVerification.bpmn");
        Files.writeString(bpmn, Files.readString(bpmn).replace("Järjestön yhteyshenkilön tarkistus", "Yhteyshenkilön tarkistus"));
        Deployment second = deployer(folder).deploy(repositoryService, name);
        assertThat(second).isNotNull();
        assertThat(repositoryService.createDeploymentQuery().deploymentName(name).count()).isEqualTo(2);
        List<String> resources = repositoryService.getDeploymentResourceNames(second.getId());
        assertThat(resources).as("every model and form, changed or not").containsExactlyInAnyOrderElementsOf(projectModels());
        assertThat(deployer(folder).deploy(repositoryService, name)).isNull();
        repositoryService.createDeploymentQuery().deploymentName(name).list()
                .forEach(d -> repositoryService.deleteDeployment(d.getId(), true));
    }

    @Test
    void theRunningEngineHoldsEachSiltaModelOnce() {
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("organisationContactVerification")
                .list()).hasSize(1);
        Deployment latest = repositoryService.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME)
                .orderByDeploymentTime().desc().list().get(0);
        assertThat(repositoryService.getDeploymentResourceNames(latest.getId()))
                .contains("processes/organisationContactVerification.bpmn", "forms/verify-contact.form");
    }

    /** Every file of processes/ and forms/ in the project. */
    private static List<String> projectModels() throws IOException {
        List<String> names = new java.util.ArrayList<>();
        for (String folder : ModelDeployer.FOLDERS) {
            try (var files = Files.list(Path.of(folder))) {
                files.map(f -> folder + "/" + f.getFileName()).filter(ModelDeployer::isDeployable).forEach(names::add);
            }
        }
        assertThat(names).hasSizeGreaterThanOrEqualTo(3);
        return names;
    }

    private static ModelDeployer deployer(Path classpathEntry) throws IOException {
        URLClassLoader loader = new URLClassLoader(new URL[] {classpathEntry.toUri().toURL()}, null);
        return new ModelDeployer(new PathMatchingResourcePatternResolver(loader));
    }

    /** processes/ and forms/ of the project, as the build lays them out. */
    private static Path copyOfModels(Path target) throws IOException {
        for (String folder : ModelDeployer.FOLDERS) {
            Path from = Path.of(folder);
            Files.createDirectories(target.resolve(folder));
            try (var files = Files.list(from)) {
                for (Path file : files.toList()) {
                    Files.copy(file, target.resolve(folder).resolve(file.getFileName().toString()));
                }
            }
        }
        return target;
    }

    private static Path jarOf(Path folder, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); var files = Files.walk(folder)) {
            for (Path file : files.filter(f -> !f.equals(folder)).sorted().toList()) {
                String name = folder.relativize(file).toString().replace('\\', '/');
                // directory entries too, as Maven and Spring Boot write them
                out.putNextEntry(new JarEntry(Files.isDirectory(file) ? name + "/" : name));
                if (Files.isRegularFile(file)) {
                    out.write(Files.readAllBytes(file));
                }
                out.closeEntry();
            }
        }
        return jar;
    }
}
