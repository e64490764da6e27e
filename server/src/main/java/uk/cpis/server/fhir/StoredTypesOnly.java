package uk.cpis.server.fhir;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.config.GeneratedDaoAndResourceProviderConfigR4;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * HAPI's generated R4 configuration defines a DAO bean and a resource provider bean for each of the
 * ~146 R4 resource types, and its DAO registry creates every DAO bean it can find: start-up spent
 * seconds building DAOs for types CP-IS never stores. This drops the bean definitions of every type
 * outside {@code cpis.fhir.resource-types} and {@code cpis.fhir.internal-resource-types} (HAPI's
 * terminology service looks the CodeSystem, ValueSet and ConceptMap DAOs up whatever is stored), and
 * gives the DAO registry that list as soon as it exists, so HAPI's "is this type supported" checks,
 * which guard every use of a generated bean, never reach a dropped one.
 */
final class StoredTypesOnly implements BeanDefinitionRegistryPostProcessor, BeanPostProcessor {

    /** {@code daoPatientR4}, {@code rpPatientR4}: the factory methods of the generated beans. */
    private static final Pattern GENERATED = Pattern.compile("(?:dao|rp)(\\w+)R4");

    private static final Set<String> NEEDED_BY_HAPI = Set.of("CodeSystem", "ValueSet", "ConceptMap");

    private final Set<String> storedTypes;

    StoredTypesOnly(Environment environment) {
        // bound here, before any bean exists, from the same properties FhirServerConfig is given later
        Set<String> types = new LinkedHashSet<>();
        Binder.get(environment).bind("cpis.fhir", FhirServerProperties.class).ifBound(properties -> {
            types.addAll(properties.resourceTypes() == null ? List.of() : properties.resourceTypes());
            types.addAll(properties.internalResourceTypes() == null ? List.of() : properties.internalResourceTypes());
        });
        this.storedTypes = Set.copyOf(types);
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if (storedTypes.isEmpty()) {
            return; // no list configured: keep HAPI's every type
        }
        for (String name : registry.getBeanDefinitionNames()) {
            String type = generatedType(registry.getBeanDefinition(name));
            if (type != null && !storedTypes.contains(type) && !NEEDED_BY_HAPI.contains(type)) {
                registry.removeBeanDefinition(name);
            }
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DaoRegistry registry && !storedTypes.isEmpty()) {
            registry.setSupportedResourceTypes(storedTypes);
        }
        return bean;
    }

    private static String generatedType(BeanDefinition definition) {
        if (!GeneratedDaoAndResourceProviderConfigR4.class.getName().equals(definition.getFactoryBeanName())
                || definition.getFactoryMethodName() == null) {
            return null;
        }
        Matcher matcher = GENERATED.matcher(definition.getFactoryMethodName());
        if (!matcher.matches()) {
            return null;
        }
        // the one R4 model class not named after its resource type
        return matcher.group(1).equals("ListResource") ? "List" : matcher.group(1);
    }
}
