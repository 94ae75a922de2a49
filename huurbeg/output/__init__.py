"""Everything a person or a program reads: safe text, tables, the pager, views, documents and the formats (json, csv, xlsx, ics, html, pdf).

Imports core, domain and db; never cli or commands.
"""
