// Valid examples of cpis-board, cpis-information-sharing-agreement and cpis-board-seat.

Instance: cpis-board-seat-la-chair
InstanceOf: CPISBoardSeat
Usage: #example
Title: "Board seat: local authority, chair"
Description: "The council's director of children's services chairs the safeguarding children partnership."
* active = true
* organization = Reference(cpis-local-authority-example)
* code[boardRole] = CPISBoardRole#chair "Chair"
* period.start = "2024-04-01"

Instance: cpis-board-seat-police-member
InstanceOf: CPISBoardSeat
Usage: #example
Title: "Board seat: police, member"
Description: "The police force's member seat on the safeguarding children partnership."
* active = true
* organization = Reference(cpis-organization-police)
* code[boardRole] = CPISBoardRole#member "Member"
* period.start = "2024-04-01"

Instance: cpis-board-seat-trust-member
InstanceOf: CPISBoardSeat
Usage: #example
Title: "Board seat: NHS trust, member"
Description: "The NHS trust's member seat on the Health and Wellbeing Board."
* active = true
* organization = Reference(cpis-organization-nhs-trust)
* code[boardRole] = CPISBoardRole#member "Member"

Instance: cpis-board-seat-la-signatory
InstanceOf: CPISBoardSeat
Usage: #example
Title: "Signatory: local authority"
Description: "The council signed the information sharing agreement."
* organization = Reference(cpis-local-authority-example)
* code[boardRole] = CPISBoardRole#signatory "Signatory"

Instance: cpis-board-seat-trust-signatory
InstanceOf: CPISBoardSeat
Usage: #example
Title: "Signatory: NHS trust"
Description: "The NHS trust signed the information sharing agreement."
* organization = Reference(cpis-organization-nhs-trust)
* code[boardRole] = CPISBoardRole#signatory "Signatory"

Instance: cpis-board-health-and-wellbeing
InstanceOf: CPISBoard
Usage: #example
Title: "Health and Wellbeing Board"
Description: "The council's Health and Wellbeing Board."
* extension[host].valueReference = Reference(cpis-local-authority-example)
* type = #practitioner
* actual = true
* code = CPISBoardType#health-and-wellbeing-board "Health and Wellbeing Board"
* name = "Example Health and Wellbeing Board"
* member[+].entity = Reference(cpis-board-seat-trust-member)
* member[=].period.start = "2023-05-01"

Instance: cpis-board-safeguarding-partnership
InstanceOf: CPISBoard
Usage: #example
Title: "Safeguarding children partnership"
Description: "A local safeguarding children partnership, hosted by the council and accountable to the Health and Wellbeing Board."
* extension[accountableTo].valueReference = Reference(cpis-board-health-and-wellbeing)
* extension[host].valueReference = Reference(cpis-local-authority-example)
* type = #practitioner
* actual = true
* code = CPISBoardType#safeguarding-children-partnership "Safeguarding children partnership"
* name = "Example Safeguarding Children Partnership"
* member[+].entity = Reference(cpis-board-seat-la-chair)
* member[=].period.start = "2024-04-01"
* member[+].entity = Reference(cpis-board-seat-police-member)
* member[=].period.start = "2024-04-01"
* member[=].period.end = "2026-03-31"

Instance: cpis-information-sharing-agreement-example
InstanceOf: CPISInformationSharingAgreement
Usage: #example
Title: "Information sharing agreement"
Description: "The partners' information sharing protocol, with its signatories and when they signed."
* extension[host].valueReference = Reference(cpis-local-authority-example)
* type = #practitioner
* actual = true
* code = CPISBoardType#information-sharing-agreement "Information sharing agreement"
* name = "Example Children's Information Sharing Protocol"
* member[+].entity = Reference(cpis-board-seat-la-signatory)
* member[=].period.start = "2024-06-01"
* member[+].entity = Reference(cpis-board-seat-trust-signatory)
* member[=].period.start = "2024-06-15"
