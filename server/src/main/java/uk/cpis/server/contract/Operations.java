package uk.cpis.server.contract;

/** The names of the operations the server answers, as a client writes them in the URL. */
public final class Operations {

    /** A clinician's look-up by NHS number: plans, council contacts, warnings and access history. */
    public static final String LOOKUP = "$cpis-lookup";
    /** Whether an organisation is a current signatory of the information sharing agreement. */
    public static final String SIGNATORY = "$cpis-signatory";
    /** A board's figures for whole months. */
    public static final String STATISTICS = "$cpis-statistics";
    /** FHIR's own validation operation, against the CP-IS profiles. */
    public static final String VALIDATE = "$validate";

    private Operations() {}
}
