package uk.cpis.server.fhir;

import java.util.List;

/**
 * The interceptors the CP-IS FHIR endpoint registers, in order; the list is written once, in
 * {@code uk.cpis.server.InterceptorChain}, where it can be read top to bottom.
 */
public record EndpointInterceptors(List<Object> inOrder) {}
