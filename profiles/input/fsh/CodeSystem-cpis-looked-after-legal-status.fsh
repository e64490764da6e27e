CodeSystem: CPISLookedAfterLegalStatus
Id: cpis-looked-after-legal-status
Title: "CP-IS Looked After Legal Status"
Description: "Legal basis on which a child is looked after by the local authority (Children Act 1989)."
* ^caseSensitive = true
* ^experimental = false
* #s31 "Full care order (Children Act 1989 s31)" "Care order made by a court under section 31 of the Children Act 1989."
* #s38 "Interim care order (Children Act 1989 s38)" "Interim care order made by a court under section 38 of the Children Act 1989."
* #s20 "Voluntary agreement (Children Act 1989 s20)" "Accommodated by agreement with those with parental responsibility under section 20 of the Children Act 1989."
