ValueSet: UKCoreNHSNumberVerificationStatusEnglandVS
Id: UKCore-NHSNumberVerificationStatusEngland
Title: "UK Core NHS Number Verification Status England (local copy)"
Description: "All NHS number verification status codes used in England. Local copy of the UK Core value set of the same url, kept in the CP-IS package because the UK Core package cannot be downloaded where CP-IS is built."
* ^url = "https://fhir.hl7.org.uk/ValueSet/UKCore-NHSNumberVerificationStatusEngland"
* ^name = "UKCoreNHSNumberVerificationStatusEngland"
* ^experimental = false
* include codes from system UKCoreNHSNumberVerificationStatusEngland
