"""Page proofing (版面校对): editors correct how a page was cut into items,
every operation recorded and revertable (`operations`, `state`); the dump's
lines each item came from (`dumplines`); checked pages as gold parses for
the parser's tests and training (`gold`)."""
