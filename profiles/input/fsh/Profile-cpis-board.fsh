Profile: CPISBoard
Parent: Group
Id: cpis-board
Title: "CP-IS Board"
Description: "A board or partnership through which partner agencies safeguard children (Health and Wellbeing Board, safeguarding children partnership, Children's Trust Board and its groups...). Its members are seats: an organisation's representative in a role (chair, member, substitute), modelled as PractitionerRole because an R4 Group member cannot reference an Organization."
* ^experimental = false
* extension contains
    CPISBoardAccountableTo named accountableTo 0..* and
    CPISBoardHost named host 0..1
* extension[accountableTo] ^short = "Board this board is accountable to"
* extension[host] ^short = "Council (local authority) hosting the board"
* extension[host].valueReference only Reference(CPISLocalAuthority)
* type = #practitioner (exactly)
* type ^short = "practitioner: the members are seats (PractitionerRole)"
* actual = true (exactly)
* code 1..1
* code from CPISBoardTypeVS (required)
* code ^short = "Kind of board"
* name 1..1
* name ^short = "Name of the board"
* member ^short = "A seat on the board"
* member obeys cpis-board-1
* member.entity only Reference(CPISBoardSeat)
* member.entity ^short = "The seat: organisation, role and (optionally) the person"
* member.period ^short = "When the seat was held"

Invariant: cpis-board-1
Description: "A membership's end date, if given, is not before its start date."
Severity: #error
Expression: "(period.end >= period.start).exists() implies (period.end >= period.start)"
