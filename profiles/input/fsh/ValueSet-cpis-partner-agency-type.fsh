ValueSet: CPISPartnerAgencyTypeVS
Id: cpis-partner-agency-type
Title: "CP-IS Partner Agency Type"
Description: "All codes of the CodeSystem cpis-partner-agency-type. Kinds of partner agency under a duty to co-operate to safeguard children (Children Act 2004 s10/s11)."
* ^name = "CPISPartnerAgencyType"
* ^experimental = false
* include codes from system CPISPartnerAgencyType
