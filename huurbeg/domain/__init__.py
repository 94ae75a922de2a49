"""The rules and computations of the work: pure functions taking `today`, that never print and never write SQL (they call the store).

Imports core only (and the store it is given).
"""
