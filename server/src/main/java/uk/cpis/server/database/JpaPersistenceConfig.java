package uk.cpis.server.database;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.cfg.AvailableSettings;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * Hibernate for HAPI's JPA entities, on the database named by {@code spring.datasource.url}
 * (PostgreSQL in production, file-based H2 by default). The schema is migrated before Hibernate
 * starts and Hibernate never changes it.
 */
@Configuration
public class JpaPersistenceConfig {

    @Bean
    public DatabaseKind databaseKind(DataSourceProperties dataSourceProperties) {
        return DatabaseKind.fromJdbcUrl(dataSourceProperties.getUrl());
    }

    @Bean(initMethod = "migrate")
    public SchemaMigration schemaMigration(
            DataSource dataSource,
            DatabaseKind databaseKind,
            HapiIndexTables tables,
            DataSourceProperties dataSourceProperties) {
        return new SchemaMigration(dataSource, databaseKind, tables, dataSourceProperties.getUrl());
    }

    @Primary
    @Bean
    public LocalContainerEntityManagerFactoryBean entityManagerFactory(
            ConfigurableListableBeanFactory beanFactory,
            FhirContext fhirContext,
            JpaStorageSettings storageSettings,
            DataSource dataSource,
            DatabaseKind databaseKind,
            SchemaMigration migratedSchema) {
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        factory.setPersistenceUnitName("HAPI_PU");
        factory.setDataSource(dataSource);
        factory.setJpaPropertyMap(hibernateProperties(databaseKind));
        return factory;
    }

    private static Map<String, Object> hibernateProperties(DatabaseKind databaseKind) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(AvailableSettings.DIALECT, databaseKind.hibernateDialect());
        // The schema belongs to HAPI's migrator (SchemaMigration), not to Hibernate.
        properties.put(AvailableSettings.HBM2DDL_AUTO, "none");
        properties.put(AvailableSettings.SCANNER, "org.hibernate.boot.archive.scan.internal.DisabledScanner");
        properties.put(
                AvailableSettings.IMPLICIT_NAMING_STRATEGY,
                "org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy");
        properties.put(
                AvailableSettings.PHYSICAL_NAMING_STRATEGY,
                "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy");
        // SQL and bind parameters would put NHS numbers in the log.
        properties.put(AvailableSettings.SHOW_SQL, "false");
        properties.put(AvailableSettings.FORMAT_SQL, "false");
        properties.put(AvailableSettings.STATEMENT_BATCH_SIZE, "20");
        // group a write's index rows by table so they leave in batches (see PostgresBatchInserts)
        properties.put(AvailableSettings.ORDER_INSERTS, "true");
        properties.put(AvailableSettings.ORDER_UPDATES, "true");
        properties.put(AvailableSettings.USE_QUERY_CACHE, "false");
        properties.put(AvailableSettings.USE_SECOND_LEVEL_CACHE, "false");
        properties.put(AvailableSettings.USE_STRUCTURED_CACHE, "false");
        properties.put(AvailableSettings.USE_MINIMAL_PUTS, "false");
        properties.put("hibernate.search.enabled", "false");
        return properties;
    }

    @Primary
    @Bean
    public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }
}
