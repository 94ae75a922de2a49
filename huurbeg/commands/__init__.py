"""One module per command group: parse, ask what is missing, call the domain, render."""
