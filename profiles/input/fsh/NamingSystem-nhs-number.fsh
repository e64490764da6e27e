Instance: nhs-number
InstanceOf: NamingSystem
Usage: #definition
Title: "NHS number"
Description: "The NHS number of England and Wales: 10 digits, the last a modulus 11 check digit."
* name = "NHSNumber"
* status = #active
* kind = #identifier
* date = "2025-01-01"
* publisher = "CP-IS"
* responsible = "NHS England"
* type = http://terminology.hl7.org/CodeSystem/v2-0203#NH "National Health Plan Identifier"
* description = "The NHS number of England and Wales: 10 digits, the last a modulus 11 check digit (weights 10 to 2 over the first nine digits; check = 11 - (sum mod 11); 11 becomes 0; 10 means the number is invalid). CP-IS finds records by the verified NHS number of the child, or of the mother for an unborn child protection plan. Synthetic test numbers start with 999."
* uniqueId[+].type = #uri
* uniqueId[=].value = "https://fhir.nhs.uk/Id/nhs-number"
* uniqueId[=].preferred = true
