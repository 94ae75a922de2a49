"""Values with no I/O: codes, dates, money (Cents), case and national numbers, i18n (gettext only), messages, errors, text.

Imports nothing of huurbeg above it: a value is the same whoever shows or stores it.
"""
