package uk.cpis.server.fhir;

/**
 * A Spring bean the FHIR endpoint serves besides HAPI's JPA providers: a CP-IS operation, or a view
 * that answers for a resource type in place of its stored resources (an {@code IResourceProvider}
 * for a type replaces HAPI's provider for that type).
 */
public interface CpisProvider {}
