Profile: CPISInformationSharingAgreement
Parent: CPISBoard
Id: cpis-information-sharing-agreement
Title: "CP-IS Information Sharing Agreement"
Description: "An information sharing protocol or agreement between partner agencies, as a board whose members are its signatories: each member is a seat with role signatory; member.period.start is when the organisation signed (joined), member.period.end when it left."
* ^experimental = false
* code = CPISBoardType#information-sharing-agreement
* code ^short = "information-sharing-agreement"
* member ^short = "A signatory organisation (seat with role signatory)"
* member.period 1..1
* member.period.start 1..1
* member.period.start ^short = "Date the organisation signed (joined) the agreement"
* member.period.end ^short = "Date the organisation left the agreement"
