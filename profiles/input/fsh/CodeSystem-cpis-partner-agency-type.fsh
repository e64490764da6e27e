CodeSystem: CPISPartnerAgencyType
Id: cpis-partner-agency-type
Title: "CP-IS Partner Agency Type"
Description: "Kinds of partner agency under a duty to co-operate to safeguard children (Children Act 2004 s10/s11)."
* ^caseSensitive = true
* ^experimental = false
* #local-authority "Local authority" "Council with children's social care responsibilities; owner of CP-IS records."
* #nhs-trust "NHS trust" "NHS trust or foundation trust."
* #integrated-care-board "Integrated care board" "NHS commissioner (integrated care board, formerly clinical commissioning group)."
* #gp-practice "GP practice" "General practice."
* #police "Police" "Police force."
* #probation "Probation service" "Probation service."
* #youth-offending-team "Youth offending team" "Youth offending team."
* #school "School" "School."
* #further-education "Further education" "Further education college."
* #connexions "Connexions" "Connexions (young people's advice service)."
* #voluntary-community-sector "Voluntary and community sector" "Voluntary and community sector organisation."
* #private-provider "Private provider" "Private provider of services to children."
* #other "Other" "Any other partner agency."
