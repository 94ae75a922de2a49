"""Retention: what the law lets the service keep, and for how long (purge, access export, merge)."""

from huurbeg.db.area import Area


class Retention(Area):
    """Purge (bewaartermijn), the access export (inzagerecht), the merge of households."""
