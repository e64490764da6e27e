package uk.cpis.server.contract;

/** The identifier systems CP-IS records carry. */
public final class IdentifierSystems {

    /** A person's NHS number (a child, or the mother of an unborn child). */
    public static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
    /** An organisation's ODS code: councils, trusts, care settings, boards' members. */
    public static final String ODS_CODE = "https://fhir.nhs.uk/Id/ods-organization-code";
    /** A clinician's Spine user id (SDS). */
    public static final String SDS_USER_ID = "https://fhir.nhs.uk/Id/sds-user-id";
    /** The start of a council's plan-identifier system; the council's ODS code follows. */
    public static final String PLAN_ID_PREFIX = "https://fhir.cpis.uk/Id/la-plan-id/";

    private IdentifierSystems() {}

    /** The plan-identifier system of one council. */
    public static String planIdSystem(String councilOdsCode) {
        return PLAN_ID_PREFIX + councilOdsCode;
    }
}
