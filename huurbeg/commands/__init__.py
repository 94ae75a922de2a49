"""One module per command group: parse, ask what is missing, call the domain, render."""


def headed(columns: list[tuple]) -> list[tuple]:
    """Table columns (key, header, ...) with their headers, marked N_() where defined, in the reader's language."""
    from huurbeg.core.i18n import _

    return [(key, _(header), *rest) for key, header, *rest in columns]
