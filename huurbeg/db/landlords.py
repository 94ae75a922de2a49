"""Landlords: who they are and how a letter reaches them, as plain SQL (see huurbeg.db.sql).

Part of the cases area (`store.cases`): a landlord is named at intake and in `case edit`.
"""

from huurbeg.domain.casework import match_key
from huurbeg.db.area import Area
from huurbeg.db.sql import Record
from huurbeg.domain.entities import LANDLORD_CONTACT


class Landlords(Area):
    """The landlords of the cases area: found by name, listed, their contact details kept."""

    LANDLORD_CONTACT = tuple(f.column for f in LANDLORD_CONTACT)
    """How a letter reaches a landlord (the columns of `landlord` a worker may edit; huurbeg.domain.entities)."""

    def landlord_named(self, name: str) -> Record | None:
        """A landlord as intake matches one: by its name without case, accents or punctuation."""
        return self.sql.one("SELECT * FROM landlord WHERE name_key = :key", key=match_key(name))

    def landlords(self) -> list[Record]:
        """Every landlord, by name."""
        return self.sql.rows("SELECT * FROM landlord ORDER BY name_key")

    def landlord_case_count(self, landlord_id: int) -> tuple[int, int]:
        """How many cases name the landlord: (open, all), withdrawn ones left out."""
        row = self.sql.single("SELECT count(*) AS cases, sum(CASE WHEN status = 'open' THEN 1 ELSE 0 END) AS open "
                           "FROM case_file WHERE landlord_id = :id AND removed_at IS NULL", id=landlord_id)
        return (row.open or 0, row.cases or 0)

    def set_landlord_contact(self, landlord_id: int, **fields: str | None) -> list[str]:
        """Store a landlord's given contact details (None: left as it is; '': cleared); the names of those changed.

        The history says which changed, never the values."""
        unknown = set(fields) - set(self.LANDLORD_CONTACT)
        if unknown:
            raise TypeError(f"not a landlord's contact detail: {', '.join(sorted(unknown))}")
        current = self.sql.single("SELECT * FROM landlord WHERE id = :id", id=landlord_id)
        given = {name: (value or None) for name, value in fields.items() if value is not None}
        changed = [name for name, value in given.items() if current[name] != value]
        if changed:
            assignments = ", ".join(f"{name} = :{name}" for name in changed)
            self.sql.execute(f"UPDATE landlord SET {assignments} WHERE id = :id", id=landlord_id,
                             **{name: given[name] for name in changed})
            self.core.record(None, "landlord", f"landlord {landlord_id} contact details set: " + ", ".join(changed))
        return changed

    def landlord_names(self) -> list[str]:
        return [row.name for row in self.sql.rows("SELECT name FROM landlord ORDER BY name")]

    def find_landlord(self, name: str) -> Record | None:
        return self.sql.one("SELECT * FROM landlord WHERE name_key = :key", key=match_key(name))

    def landlord_keys(self) -> set[str]:
        """The match keys of every landlord, as find_landlord compares them."""
        return {row.name_key for row in self.sql.rows("SELECT name_key FROM landlord")}
