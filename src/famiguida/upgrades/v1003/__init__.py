"""1002 -> 1003: the desks' DeskRequest and VacantHome types, their
workflows and permissions, and the inboxes that hold them."""
