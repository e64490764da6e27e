package uk.cpis.server.fhir;

/**
 * Marks a Spring bean as a HAPI interceptor to register on the CP-IS FHIR endpoint. Each capability
 * package contributes its own interceptors this way instead of editing {@link FhirServerConfig}.
 */
public interface FhirServerInterceptor {}
