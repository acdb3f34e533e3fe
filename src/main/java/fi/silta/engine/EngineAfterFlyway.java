package fi.silta.engine;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Silta's tables come from Flyway, the engine's from the engine. On an empty database Flyway
 * refuses a non-empty schema, so the engine is built only after Flyway has migrated.
 */
@Configuration(proxyBeanMethods = false)
public class EngineAfterFlyway {

    static final String ENGINE_BEAN = "processEngineFactoryBean";
    static final String FLYWAY_BEAN = "flywayInitializer";

    @Bean
    static BeanFactoryPostProcessor engineDependsOnFlyway() {
        return beanFactory -> addDependency(beanFactory, ENGINE_BEAN, FLYWAY_BEAN);
    }

    static void addDependency(ConfigurableListableBeanFactory beanFactory, String bean, String dependency) {
        if (!beanFactory.containsBeanDefinition(bean) || !beanFactory.containsBeanDefinition(dependency)) {
            return;
        }
        BeanDefinition definition = beanFactory.getBeanDefinition(bean);
        Set<String> dependsOn = new LinkedHashSet<>();
        if (definition.getDependsOn() != null) {
            dependsOn.addAll(Arrays.asList(definition.getDependsOn()));
        }
        dependsOn.add(dependency);
        definition.setDependsOn(dependsOn.toArray(String[]::new));
    }
}
