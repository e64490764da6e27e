Instance: ods-organization-code
InstanceOf: NamingSystem
Usage: #definition
Title: "ODS organisation code"
Description: "Organisation Data Service (ODS) code of an organisation in England."
* name = "ODSOrganizationCode"
* status = #active
* kind = #identifier
* date = "2025-01-01"
* publisher = "CP-IS"
* responsible = "NHS England (Organisation Data Service)"
* description = "Organisation Data Service (ODS) code of an NHS or partner organisation, including local authorities; identifies the responsible local authority of a CP-IS record and the organisation of a clinician who viewed it."
* uniqueId[+].type = #uri
* uniqueId[=].value = "https://fhir.nhs.uk/Id/ods-organization-code"
* uniqueId[=].preferred = true
