"""Spreadsheets in and out: another door onto the same library, never a second copy of a rule.

- `reading`: a spreadsheet's cells as plain values (.xlsx, .ods, .csv in the encodings and
  delimiters a French office suite writes);
- `columns`: which column holds which field (French headers, merged group headers, the
  `--colonnes` file);
- `cells`: a cell → the value a project file holds, with `check.values`' parsers;
- `importing`: `coopdocs importer`, rows → partners or stakeholders of a project file, new or
  merged with the round-trip writer, every problem located at its cell;
- `table`: `coopdocs tableau`, a folder of projects → one workbook (or CSV) for a network.
"""
