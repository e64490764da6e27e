Profile: CPISBoardSeat
Parent: PractitionerRole
Id: cpis-board-seat
Title: "CP-IS Board Seat"
Description: "A seat on a board or a signature on an agreement: the organisation represented, the role (chair, vice-chair, member, substitute, signatory), when, and optionally the person who holds it."
* ^experimental = false
* organization 1..1
* organization only Reference(CPISOrganization)
* organization ^short = "The partner agency represented"
* code 1..*
* code ^slicing.discriminator.type = #value
* code ^slicing.discriminator.path = "$this"
* code ^slicing.rules = #open
* code contains boardRole 1..1
* code[boardRole] from CPISBoardRoleVS (required)
* code[boardRole] ^short = "chair | vice-chair | member | substitute | signatory"
* period ^short = "When the seat is or was held"
* practitioner ^short = "The person holding the seat, if recorded"
