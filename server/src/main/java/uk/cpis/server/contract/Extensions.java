package uk.cpis.server.contract;

/** The canonical URLs of the extensions the server reads or writes. */
public final class Extensions {

    public static final String ACCESS_TYPE = Profiles.BASE + "cpis-access-type";
    public static final String CARE_SETTING = Profiles.BASE + "cpis-care-setting";
    public static final String BOARD_ACCOUNTABLE_TO = Profiles.BASE + "cpis-board-accountable-to";
    public static final String LOOKED_AFTER_LEGAL_STATUS = Profiles.BASE + "cpis-looked-after-legal-status";
    public static final String NHS_NUMBER_VERIFICATION_STATUS =
            "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus";
    public static final String DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

    private Extensions() {}
}
