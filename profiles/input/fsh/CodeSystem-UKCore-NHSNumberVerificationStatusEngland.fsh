// Local copy: the UK Core package (fhir.r4.ukcore.stu*) cannot be downloaded where CP-IS is built, so the
// code system keeps its UK Core url and codes here. If UK Core is loaded too, its copy is the authority.
CodeSystem: UKCoreNHSNumberVerificationStatusEngland
Id: UKCore-NHSNumberVerificationStatusEngland
Title: "UK Core NHS Number Verification Status England (local copy)"
Description: "The verification status of an NHS number in England. Local copy of the UK Core code system of the same url, kept in the CP-IS package because the UK Core package cannot be downloaded where CP-IS is built; its codes and displays are UK Core's."
* ^url = "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland"
* ^caseSensitive = true
* ^experimental = false
* #01 "Number present and verified"
* #02 "Number present but not traced"
* #03 "Trace required"
* #04 "Trace attempted - No match or multiple match found"
* #05 "Trace needs to be resolved - (NHS number or patient detail conflict)"
* #06 "Trace in progress"
* #07 "Number not present and trace not required"
* #08 "Trace postponed (baby under six weeks old)"
