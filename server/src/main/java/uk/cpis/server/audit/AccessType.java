package uk.cpis.server.audit;

import java.util.List;
import uk.cpis.server.contract.Codes;

/**
 * Whether a clinician's look-up is unscheduled (recorded in the child's access history and notified
 * to the council) or scheduled (silent: kept for security review only).
 *
 * <p>As in the national CP-IS API, the {@code IsUnscheduledAccessEvent} header decides: {@code true}
 * or absent is unscheduled, {@code false} scheduled, so a look-up is never silent by accident. A
 * caller with the unscheduled-care activity (B0107) is always unscheduled: an emergency department
 * cannot make its look-ups silent.
 */
public enum AccessType {
    UNSCHEDULED(Codes.UNSCHEDULED),
    SCHEDULED(Codes.SCHEDULED);

    public static final String HEADER = "IsUnscheduledAccessEvent";

    private final String code;

    AccessType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static AccessType of(List<String> activityCodes, String header) {
        if (activityCodes.contains(Codes.UNSCHEDULED_CARE_ACTIVITY)) {
            return UNSCHEDULED;
        }
        return header != null && "false".equalsIgnoreCase(header.trim()) ? SCHEDULED : UNSCHEDULED;
    }
}
