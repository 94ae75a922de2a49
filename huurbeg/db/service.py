"""The service itself: its identity on every document, each worker's own details, and its figures."""

from datetime import date

from huurbeg.db.area import Area


class Service(Area):
    """The service's identity (naam, adres, ondertekenaar), the workers' contact details, and the figures it
    reports."""

    def figures(self, first: date, last: date, today: date | None = None):
        """The SQL aggregates of one period (see huurbeg.db.figures)."""
        from huurbeg.db.figures import Figures

        return Figures(self.sql, first, last, today)
