package uk.cpis.server.contract;

import java.util.Set;

/** The resource types CP-IS serves, grouped by what protects them. */
public final class ServedTypes {

    /** Types that reveal a child: a clinician sees them one child at a time, by NHS number. */
    public static final Set<String> PATIENT_DATA = Set.of("Patient", "Flag", "AuditEvent", "CareTeam");

    /** Types whose every record belongs to one council or one caller; nobody else may name them. */
    public static final Set<String> OWNED =
            Set.of("Patient", "Flag", "AuditEvent", "CareTeam", "Subscription", "Appointment");

    private ServedTypes() {}
}
