// Valid examples of cpis-patient. Synthetic NHS numbers (999...) with correct modulus 11 check digits.

Instance: cpis-patient-child-cpp
InstanceOf: CPISPatient
Usage: #example
Title: "Child on a child protection plan"
Description: "A child whose verified NHS number carries a child protection plan."
* identifier[nhsNumber].value = "9990001014"
* identifier[nhsNumber].extension[nhsNumberVerificationStatus].valueCodeableConcept = UKCoreNHSNumberVerificationStatusEngland#01 "Number present and verified"
* name[+].family = "Carter"
* name[=].given[+] = "Poppy"
* gender = #female
* birthDate = "2016-04-12"

Instance: cpis-patient-child-lac
InstanceOf: CPISPatient
Usage: #example
Title: "Looked-after child"
Description: "A child looked after by the local authority under a full care order."
* identifier[nhsNumber].value = "9990013381"
* identifier[nhsNumber].extension[nhsNumberVerificationStatus].valueCodeableConcept = UKCoreNHSNumberVerificationStatusEngland#01 "Number present and verified"
* name[+].family = "Okafor"
* name[=].given[+] = "Daniel"
* gender = #male
* birthDate = "2012-09-30"

Instance: cpis-patient-mother-ucpp
InstanceOf: CPISPatient
Usage: #example
Title: "Pregnant woman with an unborn child protection plan"
Description: "The mother on whose NHS number an unborn child protection plan is held; nothing is recorded about the unborn child itself."
* identifier[nhsNumber].value = "9990025754"
* identifier[nhsNumber].extension[nhsNumberVerificationStatus].valueCodeableConcept = UKCoreNHSNumberVerificationStatusEngland#01 "Number present and verified"
* name[+].family = "Walsh"
* name[=].given[+] = "Chloe"
* gender = #female
* birthDate = "2004-01-22"

Instance: cpis-patient-child-ended
InstanceOf: CPISPatient
Usage: #example
Title: "Child whose plan has ended"
Description: "A child whose child protection plan ended (its NHS number has check digit 0, the case where 11 - (sum mod 11) = 11)."
* identifier[nhsNumber].value = "9990038120"
* identifier[nhsNumber].extension[nhsNumberVerificationStatus].valueCodeableConcept = UKCoreNHSNumberVerificationStatusEngland#01 "Number present and verified"
* name[+].family = "Patel"
* name[=].given[+] = "Aarav"
* gender = #male
* birthDate = "2019-06-03"
