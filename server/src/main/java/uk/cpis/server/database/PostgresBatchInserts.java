package uk.cpis.server.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Every stored resource writes a row per search index; Hibernate sends them as JDBC batches, and
 * with this PostgreSQL driver setting a batch travels as one multi-row INSERT instead of one
 * statement per row. H2 has no such setting.
 */
@Component
class PostgresBatchInserts implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool
                && pool.getJdbcUrl() != null
                && DatabaseKind.fromJdbcUrl(pool.getJdbcUrl()) == DatabaseKind.POSTGRESQL) {
            pool.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return bean;
    }
}
