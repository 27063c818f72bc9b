"""The cross-field rules of MODELE.md, run on normalised data in the same pass as the schema.

- `suite`: `check_rules` / `run_rules`, every rule in order, each on the well-formed part;
- `references`: rule 1, unique ids and references;
- `dates`: rule 4, dates in order, `depend_de`;
- `blocking`: the other rules that block;
- `coherence`: the documents tell one story (the parties model of `check.parties`);
- `gaps`: what the documents will still lack, as warnings (`check.gaps`);
- `glyphs`: characters the documents' font cannot draw (`french.glyphs`);
- `cautions`: the rules that warn;
- `legal`: the law by legal form (public persons, companies, GME, SCIC), errors and warnings;
- `placeholders`: the starter's example values left in a project;
- `base`: problems, defensive reading, guesses of what the user meant, the inputs of a rule.
"""
