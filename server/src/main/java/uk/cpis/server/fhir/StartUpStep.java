package uk.cpis.server.fhir;

/**
 * Work the server does once at start-up, before it takes requests. The steps run in the order
 * written in {@code uk.cpis.server.StartUpSequence}; an exception stops the server from starting.
 */
public interface StartUpStep {

    void prepare();
}
