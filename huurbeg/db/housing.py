"""Housing: the service's dwellings, the stays in them, and referrals to other services."""

from huurbeg.db.area import Area


class Housing(Area):
    """Dwellings (doorstroom- en crisiswoningen), stays, referrals (doorverwijzingen)."""

    def latest_stay(self, case):
        """The household's latest stay in one of the service's dwellings, with the dwelling's code and kind."""
        return self.sql.one("SELECT stay.*, dwelling.code AS dwelling_code, dwelling.kind AS dwelling_kind FROM stay "
                            "JOIN dwelling ON dwelling.id = stay.dwelling_id "
                            "WHERE stay.case_id = :case AND stay.removed_at IS NULL "
                            "ORDER BY stay.start_date DESC, stay.id DESC LIMIT 1", case=case.id)
