package uk.cpis.server.database;

import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A cheap fingerprint of the stored resources of some types, for what the server holds in memory
 * (the sharing register, the councils' subscriptions): how many there are and the sum of their
 * versions. Every create, update, delete or expunge, on any server of a cluster, changes it, so a
 * holder compares it with the one it loaded under and reads again only when it differs. Read it
 * before loading: a change committed in between makes the next comparison differ.
 */
@Component
public class StoredVersions {

	private final JdbcTemplate jdbc;

	public StoredVersions(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/** The fingerprint of the resources of these types (PostgreSQL and H2). */
	public String of(List<String> resourceTypes) {
		String placeholders = String.join(", ", Collections.nCopies(resourceTypes.size(), "?"));
		return jdbc.queryForObject("SELECT count(*) || '/' || coalesce(sum(res_ver), 0) FROM hfj_resource"
				+ " WHERE res_type IN (" + placeholders + ")", String.class, resourceTypes.toArray());
	}
}
