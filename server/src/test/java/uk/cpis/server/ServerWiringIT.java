package uk.cpis.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;
import uk.cpis.server.fhir.StartUpStep;
import uk.cpis.server.testsupport.PostgresServerTest;

/**
 * The wiring written in {@link InterceptorChain} and {@link StartUpSequence} is the wiring the running
 * server has: every interceptor bean is registered exactly once, on the endpoint in the chain's order
 * or on HAPI's storage interceptor service, and every start-up step is in the sequence.
 */
class ServerWiringIT extends PostgresServerTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    RestfulServer endpoint;

    @Autowired
    IInterceptorService storageInterceptors;

    @Test
    void theEndpointRegistersTheChainInItsOrder() {
        List<Class<?>> registered = endpoint.getInterceptorService().getAllRegisteredInterceptors().stream()
                .<Class<?>>map(AopUtils::getTargetClass)
                .toList();
        List<Class<?>> expected = new ArrayList<>(InterceptorChain.IN_ORDER);
        expected.add(ResponseHighlighterInterceptor.class);
        // HAPI keeps its interceptors sorted by their @Interceptor order (stable), as it runs them
        expected.sort(java.util.Comparator.comparingInt(ServerWiringIT::interceptorOrder));
        assertThat(registered).containsExactlyElementsOf(expected);
    }

    @Test
    void everyInterceptorBeanIsRegisteredOnceOnTheEndpointOrOnStorage() {
        List<Object> onEndpoint = endpoint.getInterceptorService().getAllRegisteredInterceptors();
        List<Object> onStorage = storageInterceptors.getAllRegisteredInterceptors();
        List<String> interceptorBeans = Arrays.stream(context.getBeanDefinitionNames())
                .filter(name -> !name.startsWith("scopedTarget."))
                .filter(name -> {
                    Class<?> type = context.getType(name);
                    return type != null
                            && ClassUtils.getUserClass(type).getName().startsWith("uk.cpis.server.")
                            && isInterceptor(ClassUtils.getUserClass(type));
                })
                .toList();
        assertThat(interceptorBeans).hasSizeGreaterThan(20);
        assertThat(interceptorBeans).allSatisfy(name -> {
            Object bean = context.getBean(name);
            long times =
                    onEndpoint.stream().filter(registered -> registered == bean).count()
                            + onStorage.stream()
                                    .filter(registered -> registered == bean)
                                    .count();
            assertThat(times)
                    .as(name + " registered on the endpoint or on storage, once")
                    .isEqualTo(1);
        });
    }

    @Test
    void onlyTheStoredTypesHaveDaosAndResourceProviders() {
        assertThat(context.containsBean("myPatientDaoR4")).isTrue();
        assertThat(context.containsBean("myFlagRpR4")).isTrue();
        assertThat(context.containsBean("myValueSetDaoR4"))
                .as("kept for HAPI's terminology service")
                .isTrue();
        assertThat(context.containsBean("myCarePlanDaoR4")).isFalse();
        assertThat(context.containsBean("myMedicationRequestRpR4")).isFalse();
    }

    @Test
    void everyStartUpStepIsInTheSequence() {
        List<Class<?>> steps = context.getBeansOfType(StartUpStep.class).values().stream()
                .<Class<?>>map(AopUtils::getTargetClass)
                .toList();
        assertThat(steps).containsExactlyInAnyOrderElementsOf(StartUpSequence.BEFORE_REQUESTS);
    }

    private static int interceptorOrder(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            Interceptor annotation = current.getAnnotation(Interceptor.class);
            if (annotation != null) {
                return annotation.order();
            }
        }
        return Interceptor.DEFAULT_ORDER;
    }

    private static boolean isInterceptor(Class<?> type) {
        if (type.isAnnotationPresent(Interceptor.class)) {
            return true;
        }
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            if (Arrays.stream(current.getDeclaredMethods())
                    .anyMatch(method -> method.isAnnotationPresent(Hook.class))) {
                return true;
            }
        }
        return false;
    }
}
