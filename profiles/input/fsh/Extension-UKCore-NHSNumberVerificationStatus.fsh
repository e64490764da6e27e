Extension: ExtensionUKCoreNHSNumberVerificationStatus
Id: Extension-UKCore-NHSNumberVerificationStatus
Title: "NHS Number Verification Status (local copy of the UK Core extension)"
Description: "Whether the NHS number on an identifier has been verified against the national demographics service (PDS). Local copy of the UK Core extension of the same url: the UK Core package cannot be downloaded where CP-IS is built, so CP-IS carries this definition itself. CP-IS only accepts records whose NHS number is verified (code 01)."
* ^url = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus"
* ^context[+].type = #element
* ^context[=].expression = "Identifier"
* value[x] 1..1
* value[x] only CodeableConcept
* value[x] from UKCoreNHSNumberVerificationStatusEnglandVS (required)
* value[x] ^short = "NHS number verification status code"
