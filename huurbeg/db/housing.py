"""Housing: the service's dwellings, the stays in them, and referrals to other services."""

from huurbeg.db.area import Area


class Housing(Area):
    """Dwellings (doorstroom- en crisiswoningen), stays, referrals (doorverwijzingen)."""
