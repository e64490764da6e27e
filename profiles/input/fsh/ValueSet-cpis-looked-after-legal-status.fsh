ValueSet: CPISLookedAfterLegalStatusVS
Id: cpis-looked-after-legal-status
Title: "CP-IS Looked After Legal Status"
Description: "All codes of the CodeSystem cpis-looked-after-legal-status. Legal basis on which a child is looked after by the local authority (Children Act 1989)."
* ^name = "CPISLookedAfterLegalStatus"
* ^experimental = false
* include codes from system CPISLookedAfterLegalStatus
