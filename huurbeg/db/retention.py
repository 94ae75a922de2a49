"""Retention: what the law lets the service keep, and for how long (purge, access export, merge)."""

from huurbeg.db.area import Area
from huurbeg.db.sql import in_list


class Retention(Area):
    """Purge (bewaartermijn), the access export (inzagerecht), the merge of households."""

    def erase_landlord_contacts(self, case_ids: list[int]) -> None:
        """A purge: the contact details of the landlords of these cases that no case left unpurged names."""
        listed, params = in_list("case", case_ids)
        self.sql.execute(
            "UPDATE landlord SET address = NULL, phone = NULL, email = NULL, contact_person = NULL "
            f"WHERE id IN (SELECT landlord_id FROM case_file WHERE id IN ({listed})) "
            "AND id NOT IN (SELECT landlord_id FROM case_file WHERE purged_at IS NULL AND landlord_id IS NOT NULL)",
            **params)
