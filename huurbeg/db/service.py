"""The service itself: its identity on every document, and each worker's own details."""

from huurbeg.db.area import Area


class Service(Area):
    """The service's identity (naam, adres, ondertekenaar) and the workers' contact details."""
