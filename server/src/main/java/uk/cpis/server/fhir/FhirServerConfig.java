package uk.cpis.server.fhir;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.ValueSetOperationProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.StringUtils;

/**
 * The HAPI FHIR R4 JPA server behind {@code /fhir}: only the CP-IS resource types, and none of the
 * generic features that could destroy or leak data in bulk (expunge, $delete-expunge, cascading
 * delete, bulk import/export, GraphQL, terminology upload, subscription triggering).
 */
@Configuration
@Import({
    JpaR4Config.class,
    HapiJpaConfig.class,
    JpaBatch2Config.class,
    Batch2JobsConfig.class,
    ThreadPoolFactoryConfig.class,
    // HAPI's job coordinator talks through its in-process message broker.
    SubscriptionChannelConfig.class
})
public class FhirServerConfig {

    /** Only the DAOs and resource providers of the types CP-IS stores are created (see {@link StoredTypesOnly}). */
    @Bean
    static StoredTypesOnly storedTypesOnly(org.springframework.core.env.Environment environment) {
        return new StoredTypesOnly(environment);
    }

    @Bean
    public JpaStorageSettings storageSettings() {
        JpaStorageSettings settings = new JpaStorageSettings();
        // A new or ended plan must show in the very next look-up: never answer from a cached search.
        settings.setReuseCachedSearchResultsForMillis(null);
        settings.setExpungeEnabled(false);
        settings.setDeleteExpungeEnabled(false);
        settings.setAllowMultipleDelete(false);
        settings.setAllowExternalReferences(false);
        settings.setAutoCreatePlaceholderReferenceTargets(false);
        settings.setEnforceReferentialIntegrityOnDelete(true);
        settings.setEnforceReferentialIntegrityOnWrite(true);
        settings.setAllowContainsSearches(false);
        // No CP-IS search uses :text on a token (it reads the coding's display), and every coded element
        // of every write (six per access record) otherwise adds a string index row for it.
        settings.setSuppressStringIndexingInTokens(true);
        // A changed search parameter must not start a reindex of every resource of its type on its own at
        // start-up (hundreds of thousands of AuditEvents nationally, competing with look-ups): the rows of a
        // switched-off parameter are simply never read, and a new one is indexed by an operator's $reindex.
        settings.setMarkResourcesForReindexingUponSearchParameterChange(false);
        // The CP-IS package is the server's own: its draft CodeSystems and ValueSets are installed like the
        // rest (HAPI's installer would skip every non-active one, with two WARN lines each at every start).
        settings.setValidateResourceStatusForPackageUpload(false);
        // HAPI's scheduled pre-expansion of stored ValueSets needs Hibernate Search, which CP-IS does not
        // run: it failed with an ERROR line per ValueSet after every start. The CP-IS ValueSets are small
        // and are expanded in memory when a code is checked.
        settings.setPreExpandValueSets(false);
        return settings;
    }

    @Bean
    public PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    @Bean
    public SubscriptionSettings subscriptionSettings() {
        return new SubscriptionSettings();
    }

    @Bean
    public RestfulServer fhirRestfulServer(
            FhirServerProperties properties,
            IFhirSystemDao<?, ?> systemDao,
            DaoRegistry daoRegistry,
            ResourceProviderFactory resourceProviderFactory,
            IJpaSystemProvider systemProvider,
            ValueSetOperationProvider valueSetOperationProvider,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry,
            IValidationSupport validationSupport,
            DatabaseBackedPagingProvider pagingProvider,
            EndpointInterceptors interceptors,
            List<CpisProvider> cpisProviders) {
        // HAPI's own services need DAOs for a few types (Patient $merge writes Provenance, the package cache keeps
        // packages as Binary) that the
        // endpoint does not serve, so the DAO registry is wider than the list of REST providers.
        List<String> daoTypes = new ArrayList<>(properties.resourceTypes());
        daoTypes.addAll(properties.internalResourceTypes());
        daoRegistry.setSupportedResourceTypes(daoTypes);

        RestfulServer server = new RestfulServer(systemDao.getContext());
        systemDao.getContext().setNarrativeGenerator(new NullNarrativeGenerator());
        List<String> viewedTypes = cpisProviders.stream()
                .filter(IResourceProvider.class::isInstance)
                .map(view -> ((IResourceProvider) view).getResourceType().getSimpleName())
                .toList();
        server.registerProviders(resourceProviderFactory.createProviders().stream()
                .filter(provider -> provider instanceof IResourceProvider resourceProvider
                        && properties
                                .resourceTypes()
                                .contains(resourceProvider.getResourceType().getSimpleName())
                        && !viewedTypes.contains(
                                resourceProvider.getResourceType().getSimpleName()))
                .toList());
        server.registerProviders(List.copyOf(cpisProviders));
        server.registerProvider(systemProvider);
        server.registerProvider(valueSetOperationProvider);
        JpaCapabilityStatementProvider capabilityStatement = new JpaCapabilityStatementProvider(
                server, systemDao, storageSettings, searchParamRegistry, validationSupport);
        // the number of children and plans held is nobody's business; counting them is also a query per type
        capabilityStatement.setIncludeResourceCounts(false);
        server.setServerConformanceProvider(capabilityStatement);

        pagingProvider.setDefaultPageSize(properties.defaultPageSize());
        pagingProvider.setMaximumPageSize(properties.maxPageSize());
        server.setPagingProvider(pagingProvider);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setDefaultPrettyPrint(true);
        server.setServerAddressStrategy(
                StringUtils.hasText(properties.serverAddress())
                        ? new HardcodedServerAddressStrategy(properties.serverAddress())
                        : new IncomingRequestAddressStrategy());

        interceptors.inOrder().forEach(server::registerInterceptor);
        return server;
    }

    @Bean
    public ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer fhirRestfulServer) {
        ServletRegistrationBean<RestfulServer> registration =
                new ServletRegistrationBean<>(fhirRestfulServer, "/fhir/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
