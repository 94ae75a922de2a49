"""Retention: what the law lets the service keep, and for how long (purge, access export, merge)."""

from huurbeg.db.area import Area
from huurbeg.db.history import NOTE, NOTE_ERASED
from huurbeg.db.sql import in_list


class Retention(Area):
    """Purge (bewaartermijn), the access export (inzagerecht), the merge of households."""

    def erase_closing_notes(self, case_ids: list[int]) -> None:
        """The worker's note on a closing is free text in the history: a purge replaces it, the second change
        the append-only history allows (schema 0029), keeping the closing's date and outcome."""
        if not case_ids:
            return
        listed, ids = in_list("case", case_ids)
        for line in self.sql.rows(f"SELECT id, detail FROM history WHERE case_id IN ({listed}) AND action = 'close'",
                                  **ids):
            if NOTE in line.detail:
                self.sql.execute("UPDATE history SET detail = :detail WHERE id = :id", id=line.id,
                                 detail=line.detail.split(NOTE, 1)[0] + NOTE_ERASED)
