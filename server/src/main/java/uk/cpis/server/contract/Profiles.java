package uk.cpis.server.contract;

/** The canonical URLs of the CP-IS profiles. */
public final class Profiles {

    public static final String BASE = "https://fhir.cpis.uk/StructureDefinition/";

    public static final String PATIENT = BASE + "cpis-patient";
    public static final String FLAG = BASE + "cpis-flag";
    public static final String ORGANIZATION = BASE + "cpis-organization";
    public static final String LOCAL_AUTHORITY = BASE + "cpis-local-authority";
    public static final String BOARD = BASE + "cpis-board";
    public static final String INFORMATION_SHARING_AGREEMENT = BASE + "cpis-information-sharing-agreement";
    public static final String MISSED_APPOINTMENT = BASE + "cpis-missed-appointment";
    public static final String NOTIFICATION_SUBSCRIPTION = BASE + "cpis-notification-subscription";
    public static final String ACCESS_AUDITEVENT = BASE + "cpis-access-auditevent";
    public static final String SECURITY_AUDITEVENT = BASE + "cpis-security-auditevent";
    public static final String MISSED_APPOINTMENT_AUDITEVENT = BASE + "cpis-missed-appointment-auditevent";

    private Profiles() {}
}
