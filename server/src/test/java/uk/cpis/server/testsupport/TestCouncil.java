package uk.cpis.server.testsupport;

/** A demo council as the tests use it: its system's persona, its ODS code and its name. */
public record TestCouncil(String persona, String odsCode, String name) {

    public static final TestCouncil MEDWAY = new TestCouncil("la-medway", "00LC", "Medway Council");
    public static final TestCouncil READING = new TestCouncil("la-reading", "00MC", "Reading Borough Council");
}
