package uk.cpis.server.security;

import java.util.List;

/** The kinds of caller CP-IS knows, from the scopes of their token. */
public enum CpisActor {
    /** A council's children's social care system: uploads and ends its plans. */
    LOCAL_AUTHORITY_SYSTEM("cpis.la-social-care", "council system"),
    /** A clinician in unscheduled (B0107) or scheduled (B0170) care: looks children up. */
    CLINICIAN("cpis.clinician", "clinician"),
    /** Maintains partner agencies, boards and the information sharing agreement; never patient data. */
    BOARD_ADMINISTRATOR("cpis.board-admin", "board administrator"),
    /** A token with none of the CP-IS scopes: allowed nothing. */
    NONE(null, "no CP-IS scope");

    private final String scope;
    private final String label;

    CpisActor(String scope, String label) {
        this.scope = scope;
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String scope() {
        return scope;
    }

    /** Actors whose work reveals patient data, and so who must belong to the sharing agreement. */
    public boolean seesPatientData() {
        return this == LOCAL_AUTHORITY_SYSTEM || this == CLINICIAN;
    }

    /** The actor a set of scopes grants; a token with several CP-IS scopes is refused as ambiguous. */
    public static CpisActor fromScopes(List<String> scopes) {
        CpisActor found = NONE;
        for (CpisActor actor : values()) {
            if (actor.scope != null && scopes.contains(actor.scope)) {
                if (found != NONE) {
                    return NONE;
                }
                found = actor;
            }
        }
        return found;
    }
}
