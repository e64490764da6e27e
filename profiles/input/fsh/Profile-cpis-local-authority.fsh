Profile: CPISLocalAuthority
Parent: CPISOrganization
Id: cpis-local-authority
Title: "CP-IS Local Authority"
Description: "A local authority (council) with children's social care responsibilities: it owns and writes its CP-IS records, and clinicians call it on its office-hours number, or out of hours on its emergency duty number."
* ^experimental = false
* type[partnerAgencyType] = CPISPartnerAgencyType#local-authority
* type[partnerAgencyType] ^short = "local-authority"
* telecom 2..*
* telecom ^slicing.discriminator[0].type = #value
* telecom ^slicing.discriminator[0].path = "system"
* telecom ^slicing.discriminator[1].type = #value
* telecom ^slicing.discriminator[1].path = "use"
* telecom ^slicing.rules = #open
* telecom contains
    officeHours 1..1 and
    emergencyDuty 1..1
* telecom[officeHours] ^short = "Children's social care phone number in office hours"
* telecom[officeHours].system 1..1
* telecom[officeHours].system = #phone (exactly)
* telecom[officeHours].use 1..1
* telecom[officeHours].use = #work (exactly)
* telecom[officeHours].value 1..1
* telecom[emergencyDuty] ^short = "Emergency duty team (out of hours) phone number"
* telecom[emergencyDuty].system 1..1
* telecom[emergencyDuty].system = #phone (exactly)
* telecom[emergencyDuty].use 1..1
* telecom[emergencyDuty].use = #mobile (exactly)
* telecom[emergencyDuty].value 1..1
