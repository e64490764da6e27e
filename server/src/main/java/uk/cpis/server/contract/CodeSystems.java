package uk.cpis.server.contract;

/** The code systems CP-IS uses: its own (defined in the package) and the standard ones it codes with. */
public final class CodeSystems {

    private static final String CPIS = "https://fhir.cpis.uk/CodeSystem/";

    public static final String REJECT_REASON = CPIS + "cpis-reject-reason";
    public static final String NOTIFICATION_TAG = CPIS + "cpis-notification-tag";
    public static final String ACCESS_TYPE = CPIS + "cpis-access-type";
    public static final String CARE_SETTING = CPIS + "cpis-care-setting";
    public static final String BOARD_TYPE = CPIS + "cpis-board-type";
    public static final String PARTNER_AGENCY_TYPE = CPIS + "cpis-partner-agency-type";
    public static final String BOARD_STATISTIC = CPIS + "cpis-board-statistic";
    public static final String AUDIT_ENTITY_ROLE = CPIS + "cpis-audit-entity-role";

    public static final String SNOMED = "http://snomed.info/sct";
    public static final String SDS_JOB_ROLE = "https://fhir.nhs.uk/CodeSystem/NHSDigital-SDS-JobRoleCode";
    public static final String AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    public static final String AUDIT_ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    public static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    public static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
    public static final String SECURITY_SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
    public static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    public static final String ROLE_CLASS = "http://terminology.hl7.org/CodeSystem/v3-RoleClass";
    public static final String OBSERVATION_VALUE = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";
    /** IHE Basic Audit Log Patterns' entity types: an entity holding the request's transport id (X-Request-Id). */
    public static final String BALP_ENTITY_TYPE = "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType";

    public static final String RESTFUL_SECURITY_SERVICE =
            "http://terminology.hl7.org/CodeSystem/restful-security-service";

    private CodeSystems() {}
}
