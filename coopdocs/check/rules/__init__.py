"""The cross-field rules of MODELE.md, run on normalised data once the schema has passed.

- `suite`: `run_rules`, every rule in order;
- `references`: rule 1, unique ids and references;
- `dates`: rule 4, dates in order, `depend_de`;
- `blocking`: the other rules that block;
- `cautions`: the rules that warn;
- `legal`: the law by legal form (public persons, companies, GME, SCIC), errors and warnings;
- `base`: problems, defensive reading, guesses of what the user meant.
"""
