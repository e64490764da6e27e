package uk.cpis.server.contract;

/** Codes of the CP-IS code systems that the server itself acts on. */
public final class Codes {

    /** {@link CodeSystems#ACCESS_TYPE}: a look-up recorded in the access history and notified. */
    public static final String UNSCHEDULED = "unscheduled";
    /** {@link CodeSystems#ACCESS_TYPE}: a silent look-up, kept for security review only. */
    public static final String SCHEDULED = "scheduled";
    /** {@link CodeSystems#NOTIFICATION_TAG}: the child was looked up from several care settings lately. */
    public static final String REPEAT_ATTENDANCE = "repeat-attendance";
    /** {@link CodeSystems#NOTIFICATION_TAG}: a child with a plan missed a health appointment. */
    public static final String MISSED_APPOINTMENT = "missed-appointment";
    /** {@link CodeSystems#PARTNER_AGENCY_TYPE}: a council (local authority). */
    public static final String LOCAL_AUTHORITY = "local-authority";
    /** {@link CodeSystems#BOARD_TYPE}: the register's information sharing agreement. */
    public static final String INFORMATION_SHARING_AGREEMENT = "information-sharing-agreement";
    /** {@link CodeSystems#BALP_ENTITY_TYPE}: the entity is the request's trace id (TraceID or X-Request-ID). */
    public static final String TRACE_ID_ENTITY = "XrequestId";
    /** {@link CodeSystems#AUDIT_ENTITY_ROLE}: the council responsible for the child looked up. */
    public static final String RESPONSIBLE_LOCAL_AUTHORITY = "responsible-local-authority";
    /** {@link CodeSystems#SNOMED}, of the ValueSet {@code cpis-plan-type}: a child protection plan (CPP). */
    public static final String CHILD_PROTECTION_PLAN = "342191000000101";
    /** {@link CodeSystems#SNOMED}, of the ValueSet {@code cpis-plan-type}: a looked-after child (LAC). */
    public static final String LOOKED_AFTER_CHILD = "764841000000100";
    /** {@link CodeSystems#SNOMED}, of the ValueSet {@code cpis-plan-type}: an unborn child protection plan (UCPP). */
    public static final String UNBORN_CHILD_PROTECTION_PLAN = "818901000000100";
    /** The national activity code of unscheduled care (an emergency department cannot look up silently). */
    public static final String UNSCHEDULED_CARE_ACTIVITY = "B0107";

    private Codes() {}
}
