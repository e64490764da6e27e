// Valid examples of cpis-organization and cpis-local-authority (synthetic ODS codes).

Instance: cpis-local-authority-example
InstanceOf: CPISLocalAuthority
Usage: #example
Title: "Local authority"
Description: "A council with children's social care responsibilities, with its office-hours and emergency duty numbers."
* identifier[odsCode].value = "X99LA"
* active = true
* name = "Example Borough Council"
* type[partnerAgencyType] = CPISPartnerAgencyType#local-authority "Local authority"
* telecom[officeHours].system = #phone
* telecom[officeHours].use = #work
* telecom[officeHours].value = "01632 960001"
* telecom[emergencyDuty].system = #phone
* telecom[emergencyDuty].use = #mobile
* telecom[emergencyDuty].value = "01632 960999"

Instance: cpis-organization-nhs-trust
InstanceOf: CPISOrganization
Usage: #example
Title: "NHS trust"
Description: "An NHS trust whose emergency department queries CP-IS and which sits on the safeguarding partnership."
* identifier[odsCode].value = "X99T1"
* active = true
* name = "Example Hospitals NHS Foundation Trust"
* type[partnerAgencyType] = CPISPartnerAgencyType#nhs-trust "NHS trust"

Instance: cpis-organization-police
InstanceOf: CPISOrganization
Usage: #example
Title: "Police force"
Description: "A police force, a statutory safeguarding partner."
* identifier[odsCode].value = "X99P1"
* active = true
* name = "Example Constabulary"
* type[partnerAgencyType] = CPISPartnerAgencyType#police "Police"
