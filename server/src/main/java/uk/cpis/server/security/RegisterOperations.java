package uk.cpis.server.security;

/** The names of the register's operations, for the access rules (the operations live in the boards package). */
final class RegisterOperations {
	static final String SIGNATORY = "$cpis-signatory";
	static final String STATISTICS = "$cpis-statistics";

	private RegisterOperations() {}
}
