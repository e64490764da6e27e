CodeSystem: CPISBoardRole
Id: cpis-board-role
Title: "CP-IS Board Role"
Description: "Role in which an organisation's representative sits on a board or signs an agreement."
* ^caseSensitive = true
* ^experimental = false
* #chair "Chair" "Chairs the board."
* #vice-chair "Vice-chair" "Deputises for the chair."
* #member "Member" "Member of the board."
* #substitute "Substitute" "Attends in place of a member."
* #signatory "Signatory" "Signed an information sharing agreement on behalf of the organisation."
