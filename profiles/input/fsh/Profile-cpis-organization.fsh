Profile: CPISOrganization
Parent: Organization
Id: cpis-organization
Title: "CP-IS Organization"
Description: "A partner agency under a duty to co-operate to safeguard children (Children Act 2004 s10/s11): council, NHS body, police, probation, school... Identified by its ODS code; used for boards, board seats and as the viewer's organisation in access records."
* ^experimental = false
* identifier 1..*
* identifier ^slicing.discriminator.type = #value
* identifier ^slicing.discriminator.path = "system"
* identifier ^slicing.rules = #open
* identifier contains odsCode 1..1
* identifier[odsCode] ^short = "ODS organisation code"
* identifier[odsCode].system 1..1
* identifier[odsCode].system = $ods-org (exactly)
* identifier[odsCode].value 1..1
* name 1..1
* name ^short = "Name of the organisation"
* type 1..*
* type ^slicing.discriminator.type = #value
* type ^slicing.discriminator.path = "$this"
* type ^slicing.rules = #open
* type contains partnerAgencyType 1..1
* type[partnerAgencyType] from CPISPartnerAgencyTypeVS (required)
* type[partnerAgencyType] ^short = "Kind of partner agency (local authority, NHS trust, police...)"
* partOf ^short = "Parent organisation, e.g. the trust a site belongs to"
