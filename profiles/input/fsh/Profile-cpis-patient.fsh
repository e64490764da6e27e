Profile: CPISPatient
Parent: Patient
Id: cpis-patient
Title: "CP-IS Patient"
Description: "The person a CP-IS record is about: the child on a child protection plan or looked after, or, for an unborn child protection plan, the pregnant mother (nothing is held about the unborn child itself). Found by a verified NHS number; CP-IS holds only the demographics needed to match that number, never clinical information."
* ^experimental = false
* obeys cpis-nhs-1
* identifier 1..*
* identifier ^short = "Identifiers of the person; exactly one is the verified NHS number"
* identifier ^slicing.discriminator.type = #value
* identifier ^slicing.discriminator.path = "system"
* identifier ^slicing.rules = #open
* identifier ^slicing.description = "Sliced by identifier system"
* identifier contains nhsNumber 1..1
* identifier[nhsNumber] ^short = "NHS number of the child (or of the mother, for an unborn child protection plan)"
* identifier[nhsNumber] ^definition = "The NHS number by which clinicians query CP-IS: 10 digits with a valid modulus 11 check digit, verified against the national demographics service."
* identifier[nhsNumber].system 1..1
* identifier[nhsNumber].system = $nhs-number (exactly)
* identifier[nhsNumber].value 1..1
* identifier[nhsNumber].value ^short = "The 10-digit NHS number, no spaces"
* identifier[nhsNumber].extension contains ExtensionUKCoreNHSNumberVerificationStatus named nhsNumberVerificationStatus 1..1
* identifier[nhsNumber].extension[nhsNumberVerificationStatus] ^short = "Verification status: CP-IS accepts only 01 (number present and verified)"
* identifier[nhsNumber].extension[nhsNumberVerificationStatus].valueCodeableConcept = UKCoreNHSNumberVerificationStatusEngland#01
* name 1..*
* name ^short = "Name, as known to the local authority"
* birthDate 1..1
* birthDate ^short = "Date of birth (of the child, or of the mother for an unborn child protection plan)"
* gender 1..1

Invariant: cpis-nhs-1
Description: "The NHS number must be 10 digits and its last digit the modulus 11 check digit of the first nine: sum of the digits weighted 10, 9, ... 2; check = 11 - (sum mod 11); a check of 11 is written 0; a check of 10 means the number is invalid."
Severity: #error
Expression: "identifier.where(system = 'https://fhir.nhs.uk/Id/nhs-number').all(value.matches('^[0-9]{10}$') and ((11 - ((value.substring(0,1).toInteger() * 10 + value.substring(1,1).toInteger() * 9 + value.substring(2,1).toInteger() * 8 + value.substring(3,1).toInteger() * 7 + value.substring(4,1).toInteger() * 6 + value.substring(5,1).toInteger() * 5 + value.substring(6,1).toInteger() * 4 + value.substring(7,1).toInteger() * 3 + value.substring(8,1).toInteger() * 2) mod 11)) mod 11) = value.substring(9,1).toInteger())"
