"""The service itself: its identity on every document, each worker's own details, and its figures."""

from datetime import date

from huurbeg.domain import service
from huurbeg.db.area import Area
from huurbeg.domain.service import IDENTITY_COLUMNS, WORKER_COLUMNS, ServiceIdentity, WorkerContact


def _bytes(value) -> bytes | None:
    return None if value is None else bytes(value)  # PostgreSQL's driver gives a memoryview


class Service(Area):
    """The service's identity (naam, adres, ondertekenaar), the workers' contact details, and the figures it
    reports."""

    def identity(self) -> ServiceIdentity:
        """The service as its documents present it (every detail None before `service set`)."""
        row = self.sql.one("SELECT * FROM service_identity ORDER BY id LIMIT 1")
        if row is None:
            return ServiceIdentity()
        values = {name: row[name] for name in IDENTITY_COLUMNS}
        values["logo"] = _bytes(values["logo"])
        return ServiceIdentity(**values)

    def set_identity(self, **fields) -> list[str]:
        """Store the given details (None: left as it is; '' or a None logo: cleared); the names of those changed.

        A logo's type is sniffed from its bytes when not given; the history says which details
        changed, never their values."""
        unknown = set(fields) - set(IDENTITY_COLUMNS)
        if unknown:
            raise TypeError(f"not a detail of the service: {', '.join(sorted(unknown))}")
        given = {name: (value or None) for name, value in fields.items() if value is not None}
        if "logo" in fields:
            logo = fields["logo"] or None
            given["logo"] = logo
            given["logo_type"] = service.logo_type(logo) if logo else None
        elif given.get("logo_type") not in (None, *service.LOGO_TYPES):
            raise ValueError(f"logo_type {given['logo_type']!r}")
        current = self.identity()
        changed = [name for name, value in given.items() if getattr(current, name) != value and name != "logo_type"]
        if not changed:
            return []
        row = self.sql.value("SELECT id FROM service_identity ORDER BY id LIMIT 1")
        params = {**given, "updated_at": self.core.now()}
        if row is None:
            names = list(params)
            self.sql.insert(f"INSERT INTO service_identity ({', '.join(names)}) "
                            f"VALUES ({', '.join(':' + name for name in names)})", **params)
        else:
            assignments = ", ".join(f"{name} = :{name}" for name in params)
            self.sql.execute(f"UPDATE service_identity SET {assignments} WHERE id = :id", id=row, **params)
        self.core.record(None, "service", "service identity set: " + ", ".join(changed))
        return changed

    def worker(self, login: str) -> WorkerContact | None:
        """A worker's own details, by their login; None when they have given none."""
        row = self.sql.one("SELECT worker, name, phone, email FROM worker_contact WHERE worker = :worker",
                           worker=login)
        return None if row is None else WorkerContact(**row)

    def set_worker(self, login: str, **fields) -> list[str]:
        """Store a worker's given details (None: left as it is; '': cleared); the names of those changed."""
        unknown = set(fields) - set(WORKER_COLUMNS)
        if unknown:
            raise TypeError(f"not a detail of a worker: {', '.join(sorted(unknown))}")
        given = {name: (value or None) for name, value in fields.items() if value is not None}
        current = self.worker(login)
        changed = [name for name, value in given.items() if getattr(current, name, None) != value]
        if not changed:
            return []
        params = {**given, "updated_at": self.core.now()}
        if current is None:
            names = ["worker", *params]
            self.sql.insert(f"INSERT INTO worker_contact ({', '.join(names)}) "
                            f"VALUES ({', '.join(':' + name for name in names)})", worker=login, **params)
        else:
            assignments = ", ".join(f"{name} = :{name}" for name in params)
            self.sql.execute(f"UPDATE worker_contact SET {assignments} WHERE worker = :worker", worker=login,
                             **params)
        self.core.record(None, "service", f"details of worker {login} set: " + ", ".join(changed))
        return changed

    def workers(self) -> list[WorkerContact]:
        """Every worker's own details, by login."""
        return [WorkerContact(**row) for row in self.sql.rows(
            "SELECT worker, name, phone, email FROM worker_contact ORDER BY worker")]

    def figures(self, first: date, last: date, today: date | None = None):
        """The SQL aggregates of one period (see huurbeg.db.figures)."""
        from huurbeg.db.figures import Figures

        return Figures(self.sql, first, last, today)
