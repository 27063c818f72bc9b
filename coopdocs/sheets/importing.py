"""`coopdocs importer`: the rows of a spreadsheet become the partners (or the stakeholders) of
a project file, new or existing.

One run reads the sheet, turns each row into a partner with the parsers of `validate`
(`sheets.cells`), checks the result with the schema and the rules of `validate` (a partner
list on its own: the rest of the project is the user's), and locates every problem at its
cell, ``partenaires.xlsx:Structures:ligne 7:colonne C``. Nothing is written while one error is
left, unless `partial` (the rows without error are written, the others reported).

An existing project file is changed by `source.roundtrip`, which keeps its comments, order and
quoting; a partner already there is found by SIRET, then by name, and gets the sheet's values
(its id and whatever the sheet leaves empty are kept). `dry_run` says what would be added or
changed, and writes nothing.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from slugify import slugify

from coopdocs import __version__
from coopdocs.atomic import write_atomic
from coopdocs.check.rules.base import Broken
from coopdocs.check.rules.suite import check_rules
from coopdocs.check.schema import check_schema, field_rules
from coopdocs.check.values import Issue, parse_siret
from coopdocs.errors import FieldPath, HasProblems, Problem, ValidationError, format_path
from coopdocs.french.grammar import count
from coopdocs.sheets.cells import convert, split_person
from coopdocs.sheets.columns import PERSON, Columns, Field, find_header, read_mapping, words
from coopdocs.sheets.reading import Sheet, SheetError, Workbook, column_letter, read_workbook
from coopdocs.source.reader import read_source
from coopdocs.source.roundtrip import new_text, save_project

__all__ = ["Change", "Imported", "import_sheet"]

Action = Literal["ajoute", "modifie", "inchange"]

# The column a user adds for a field the sheet lacks (the hint of « colonne absente »).
_HEADERS: dict[Field, str] = {
    ("raison_sociale",): "Raison sociale", ("forme_juridique",): "Forme juridique",
    ("type_structure",): "Type de structure", ("siret",): "SIRET", ("role",): "Rôle",
    ("adresse",): "Adresse, CP et Ville", ("adresse", "ligne1"): "Adresse",
    ("adresse", "code_postal"): "CP", ("adresse", "commune"): "Ville",
    ("representant",): "Représentant (« Mme Nadia Haddad ») et Qualité",
    ("representant", "civilite"): "Représentant (« Mme Nadia Haddad »)",
    ("representant", "prenom"): "Représentant (« Mme Nadia Haddad »)",
    ("representant", "nom"): "Représentant (« Mme Nadia Haddad »)",
    ("representant", "qualite"): "Qualité", ("referent", "prenom"): "Référent",
    ("referent", "nom"): "Référent", ("cercle",): "Cercle", ("nom",): "Nom",
    ("categorie",): "Catégorie",
}


# Advice worded for a spreadsheet where `validate`'s speaks of YAML (quotes, keys).
_SHEET_HINTS = {
    "format-code-postal": "par exemple 93200 ; pour 01000, donnez à la colonne le format Texte "
                          "(un nombre perd son zéro du début)",
}


@dataclass
class Change:
    """What importing one row does to the project file."""

    action: Action
    id: str
    name: str
    row: int
    fields: list[str] = field(default_factory=list)  # changed fields of an existing partner

    def to_dict(self) -> dict[str, Any]:
        return {"action": self.action, "id": self.id, "nom": self.name, "ligne": self.row,
                "champs": self.fields}


@dataclass
class Imported(HasProblems):
    """What `coopdocs importer` did, or would do."""

    spreadsheet: str
    sheet: str | None
    target: str
    collection: str  # partenaires or parties_prenantes
    rows: int = 0
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped_rows: list[int] = field(default_factory=list)  # rows left out (--partiel)
    new_file: bool = False
    dry_run: bool = False
    written: bool = False

    def counted(self, action: Action) -> int:
        return sum(1 for c in self.changes if c.action == action)

    def summary(self) -> str:
        """« projet.yaml : 3 partenaires ajoutés, 1 modifié (12 lignes lues). »"""
        one, many, e = (("partenaire", "partenaires", "") if self.collection == "partenaires"
                        else ("partie prenante", "parties prenantes", "e"))
        added, changed = self.counted("ajoute"), self.counted("modifie")
        done = [count(added, f"{one} ajouté{e}", f"{many} ajouté{e}s")] if added else []
        if changed:
            done.append(count(changed, f"{one} modifié{e}", f"{many} modifié{e}s"))
        done = done or ["aucun changement"]
        rows = count(self.rows, "ligne lue", "lignes lues")
        if self.written:
            text = f"{self.target} : {', '.join(done)} ({rows})"
        elif self.dry_run and not self.errors:
            text = f"Essai, rien n'a été écrit : {self.target} aurait {', '.join(done)} ({rows})"
        else:
            text = (f"Rien n'a été écrit dans {self.target} : "
                    f"{count(len(self.errors), 'erreur')} à corriger dans le tableur ({rows})")
        if self.skipped_rows:
            text += f" ; {count(len(self.skipped_rows), 'ligne écartée', 'lignes écartées')}"
        return text + "."

    def to_dict(self) -> dict[str, Any]:
        """The JSON of `coopdocs importer --json` (docs/tableurs.md)."""
        return {"coopdocs": __version__, "tableur": self.spreadsheet, "feuille": self.sheet,
                "projet": self.target, "liste": self.collection, "nouveau_fichier": self.new_file,
                "essai": self.dry_run, "ecrit": self.written, "lignes": self.rows,
                "resume": {"ajoutes": self.counted("ajoute"),
                           "modifies": self.counted("modifie"),
                           "inchanges": self.counted("inchange"),
                           "erreurs": len(self.errors), "avertissements": len(self.warnings),
                           "lignes_ecartees": len(self.skipped_rows)},
                "changements": [c.to_dict() for c in self.changes],
                "problemes": [{**p.to_dict(), "fichier": self.spreadsheet, **p.extra}
                              for p in self.problems]}


@dataclass
class _Row:
    number: int
    data: dict[str, Any]
    columns: dict[Field, int] = field(default_factory=dict)  # field → the column it came from
    dropped: set[Field] = field(default_factory=set)  # fields whose cell was refused


@dataclass
class _Place:
    """Where a problem is in the spreadsheet, and how to word it."""

    book: Workbook
    sheet: Sheet
    columns: Columns

    def problem(self, message: str, hint: str | None, *, row: int, column: int | None = None,
                path: FieldPath = (), code: str = "", severity: str = "erreur") -> Problem:
        pieces = [self.book.label] + ([self.sheet.name] if self.sheet.name else [])
        pieces.append(f"ligne {row}")
        extra: dict[str, Any] = {"feuille": self.sheet.name, "ligne": row, "colonne": None}
        if column is not None:
            pieces.append(f"colonne {column_letter(column)}")
            extra["colonne"] = column_letter(column)
            extra["titre_colonne"] = self.columns.titles.get(column)
        return Problem(message, path, hint, "erreur" if severity == "erreur" else "avertissement",
                       code, None, row, column, ":".join(pieces), extra)


def _set(target: dict[str, Any], path: Field, value: Any) -> None:
    for part in path[:-1]:
        target = target.setdefault(part, {})
    target[path[-1]] = value


def _get(source: Any, path: FieldPath) -> Any:
    for part in path:
        if isinstance(source, dict):
            source = source.get(part)
        elif isinstance(source, list) and isinstance(part, int) and part < len(source):
            source = source[part]
        else:
            return None
    return source


def _leaves(value: Any, path: Field = ()) -> Iterator[tuple[Field, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    else:
        yield path, value


def _select_sheet(book: Workbook, name: str | None, mapping: dict[str, Field],
                  stakeholders: bool) -> tuple[Sheet, Columns]:
    names = [s.name or "" for s in book.sheets]
    if name is not None and book.sheets[0].name is None:
        raise SheetError([Problem(
            f"« {book.label} » est un fichier CSV : il n'a qu'un tableau, sans feuilles.",
            file=book.path, code="tableur-feuille-csv",
            hint="retirez --feuille ; il ne s'applique qu'aux classeurs .xlsx et .ods")],
            file=book.path)
    if name is not None:
        chosen = [s for s in book.sheets if s.name is not None and words(s.name) == words(name)]
        if not chosen:
            raise SheetError([Problem(
                f"« {book.label} » n'a pas de feuille « {name} ».", file=book.path,
                code="tableur-feuille-absente",
                hint="feuilles du classeur : " + ", ".join(f"« {n} »" for n in names))],
                file=book.path)
        candidates = chosen
    else:
        candidates = book.sheets
    for sheet in candidates:
        header = find_header(sheet, mapping=mapping, stakeholders=stakeholders)
        if header is not None:
            return sheet, header
    where = f"la feuille « {candidates[0].name} »" if name else (
        "aucune feuille" if len(book.sheets) > 1 else "le fichier")
    needed = ("« Nom » et « Cercle »" if stakeholders else
              "« Raison sociale », « SIRET », « Forme juridique », « Adresse », « CP », "
              "« Ville », « Représentant », « Qualité »…")
    raise SheetError([Problem(
        f"Dans « {book.label} », {where} n'a de ligne d'en-tête reconnue : coopdocs cherche, "
        "dans les 20 premières lignes, les intitulés des colonnes.", file=book.path,
        code="tableur-en-tete",
        hint=f"donnez aux colonnes des intitulés comme {needed} ; pour d'autres intitulés, "
        "décrivez-les dans un fichier donné avec --colonnes"
        + ("" if name or len(book.sheets) < 2 else " ; choisissez la feuille avec --feuille"))],
        file=book.path)


def _read_rows(place: _Place, collection: str, problems: list[Problem]) -> list[_Row]:
    sheet, columns = place.sheet, place.columns
    rows: list[_Row] = []
    for number in range(columns.header_row + 1, len(sheet.rows) + 1):
        used = [c for c in columns.fields if sheet.cell(number, c) is not None
                or (number, c) in sheet.uncomputed]
        if not used:
            continue  # an empty row (or one with notes in columns coopdocs does not read)
        row = _Row(number, {})
        for column, target in columns.fields.items():
            value = sheet.cell(number, column)
            if (number, column) in sheet.uncomputed:
                row.dropped.add(target)
                problems.append(place.problem(
                    "la cellule contient une formule dont le résultat n'a jamais été calculé",
                    "ouvrez le classeur dans votre tableur et enregistrez-le (le résultat sera "
                    "calculé), ou remplacez la formule par sa valeur", row=number,
                    column=column, path=target, code="tableur-formule"))
                continue
            if value is None:
                continue
            if target[-1] == PERSON:
                for key, part in split_person(value).items():
                    _set(row.data, (*target[:-1], key), part)
                    row.columns[(*target[:-1], key)] = column
                continue
            rules = field_rules((collection, 0, *target)) or {}
            converted = convert(value, str(target[-1]), rules)
            if isinstance(converted, Issue):
                row.dropped.add(target)
                hint = _SHEET_HINTS.get(converted.code, converted.hint)
                problems.append(place.problem(converted.message, hint, row=number,
                                              column=column, path=target, code=converted.code))
                continue
            _set(row.data, target, converted)
            row.columns[target] = column
        rows.append(row)
    return rows


def _give_ids(rows: list[_Row], taken: set[str]) -> None:
    """Ids from the sigle or the name, « recyclaction-93 », unique in the file."""
    for row in rows:
        if "id" in row.data:
            taken.add(row.data["id"])
            continue
        base = slugify(str(row.data.get("sigle") or row.data.get("raison_sociale")
                           or row.data.get("nom") or row.data.get("partenaire")
                           or "partenaire"),
                       max_length=30, word_boundary=True) or "partenaire"
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        row.data = {"id": candidate, **row.data}


def _siret_key(partner: Any) -> str | None:
    found = parse_siret(partner.get("siret")) if isinstance(partner, dict) and \
        partner.get("siret") else None
    return found if isinstance(found, str) else None


def _name_key(partner: Any) -> str:
    """A partner's name, or a stakeholder's: its own, or that of the partner it describes."""
    if not isinstance(partner, dict):
        return ""
    name = partner.get("raison_sociale") or partner.get("nom")
    if not name and partner.get("partenaire"):
        name = f"partenaire {partner['partenaire']}"
    return words(name or "")


def _match(existing: list[Any], row: _Row, used: set[int]) -> int | None:
    """The existing entry this row describes: same SIRET, else same name."""
    siret = _siret_key(row.data)
    if siret is not None:
        for n, partner in enumerate(existing):
            if n not in used and _siret_key(partner) == siret:
                return n
    name = _name_key(row.data)
    if name:
        for n, partner in enumerate(existing):
            if n not in used and _name_key(partner) == name:
                return n
    return None


def _same_value(old: Any, new: Any, target: Field, collection: str) -> bool:
    """Equal as `validate` reads them: « 412 783 904 00003 » is 41278390400003."""
    if old == new:
        return True
    if old is None:
        return False
    rules = field_rules((collection, 0, *target)) or {}
    again = convert(old, str(target[-1]), rules)
    return not isinstance(again, Issue) and again == new


def _apply(existing: dict[str, Any], row: _Row, collection: str) -> tuple[dict[str, Any],
                                                                           list[str]]:
    """The existing entry with the row's values; the fields that changed."""
    merged = copy.deepcopy(existing)
    changed = []
    for target, value in _leaves({k: v for k, v in row.data.items() if k != "id"}):
        if target in (("raison_sociale",), ("nom",)) and words(value) == _name_key(existing):
            continue  # the name it was found by, spelt otherwise: the file's spelling stays
        if not _same_value(_get(existing, target), value, target, collection):
            _set(merged, target, value)
            changed.append(".".join(target))
    return merged, changed


def _validate(place: _Place, collection: str, entries: list[Any], partners: list[Any],
              imported: dict[int, _Row], problems: list[Problem], new_file: bool) -> None:
    """The schema and the rules of `validate` on the list, each problem of an imported row
    located at its cell; problems of the entries already in the file are not the sheet's."""
    data: dict[str, Any] = {collection: entries}
    if collection != "partenaires":
        data["partenaires"] = partners
    schema = check_schema(data)
    found = [p for p in schema.problems if p.path[:1] == (collection,)]
    if schema.data is not None:
        rules = check_rules(schema.data, Broken(schema.broken, schema.removed))
        found += [p for p in rules.problems if p.path[:1] == (collection,)]
    seen: set[tuple[int, FieldPath, str]] = set()
    first_row = place.columns.header_row + 1
    for problem in found:
        if len(problem.path) < 2:
            if problem.code.endswith("longueur") and new_file:
                problems.append(place.problem(
                    "le projet n'aura qu'un partenaire : une coopération en demande au moins "
                    "deux", "ajoutez une ligne au tableur, ou les autres partenaires dans le "
                    "fichier de projet", row=first_row, code="partenaires-nombre",
                    severity="avertissement"))
            continue
        index = problem.path[1]
        row = imported.get(index) if isinstance(index, int) else None
        if row is None:
            continue
        target = tuple(str(p) for p in problem.path[2:])
        if any(target[:len(d)] == d or d[:len(target)] == target for d in row.dropped):
            continue  # the cell was refused already, with its own message
        key = (row.number, problem.path[2:], problem.message)
        if key in seen:
            continue
        seen.add(key)
        problems.append(_located(place, row, target, problem))


def _located(place: _Place, row: _Row, target: Field, problem: Problem) -> Problem:
    column = row.columns.get(target) or place.columns.column_of(target)
    message, hint = problem.message, problem.hint
    if problem.code.endswith("siret-manquant"):
        where = (f"remplissez la colonne « {place.columns.titles[column]} »" if column
                 else "ajoutez au tableur une colonne « SIRET »")
        hint = (f"{where} avec les 14 chiffres de l'établissement (avis de situation INSEE ou "
                "annuaire-entreprises.data.gouv.fr)")
    if problem.code.endswith("champ-manquant"):
        wanted = _HEADERS.get(target, format_path(target))
        if column is None:
            message = f"aucune colonne ne donne « {format_path(target)} », obligatoire"
            hint = f"ajoutez au tableur une colonne « {wanted} »"
        else:
            message = f"cellule vide : « {format_path(target)} » est obligatoire"
            hint = f"remplissez la colonne « {place.columns.titles.get(column, wanted)} »"
    return place.problem(message, hint, row=row.number, column=column, path=target,
                         code=problem.code, severity=problem.severity)


_NEW_FILE_HEADER = """\
# Partenaires importés d'un tableur par « coopdocs importer ». Complétez le projet (projet,
# objectif_commun, gouvernance…) : « coopdocs init --exemple minimal » montre un fichier
# complet, « coopdocs validate » dit ce qu'il reste à remplir.
"""


def import_sheet(spreadsheet: str | os.PathLike[str], *, target: str | os.PathLike[str],
                 sheet: str | None = None, columns: str | os.PathLike[str] | None = None,
                 stakeholders: bool = False, partial: bool = False,
                 dry_run: bool = False) -> Imported:
    """Import the rows of `spreadsheet` into the project file `target` (created if absent).

    Raises `SheetError` when the file or its header cannot be read, `SourceError` when the
    project file cannot, `ChangedOnDisk` when it changed during the import. Problems of the
    rows are returned, all of them, located at their cells."""
    collection = "parties_prenantes" if stakeholders else "partenaires"
    book = read_workbook(spreadsheet)
    mapping = read_mapping(columns, stakeholders=stakeholders) if columns else {}
    chosen, header = _select_sheet(book, sheet, mapping, stakeholders)
    place = _Place(book, chosen, header)
    target_file = os.fspath(target)
    result = Imported(book.path, chosen.name, target_file, collection, dry_run=dry_run)
    problems: list[Problem] = []
    for column, title in header.ignored.items():
        problems.append(place.problem(
            f"colonne « {title} » ignorée : coopdocs ne sait pas quel champ elle donne",
            "renommez-la (par exemple « Raison sociale », « CP », « Qualité »), ou décrivez-la "
            "dans un fichier donné avec --colonnes", row=header.header_row, column=column,
            code="tableur-colonne-ignoree", severity="avertissement"))
    rows = _read_rows(place, collection, problems)
    result.rows = len(rows)

    source = read_source(target_file) if Path(target_file).exists() else None
    result.new_file = source is None
    data: dict[str, Any] = dict(source.data) if source is not None and \
        isinstance(source.data, dict) else {"version": 1}
    if data.get(collection) is not None and not isinstance(data.get(collection), list):
        raise ValidationError([Problem(
            f"Dans « {target_file} », « {collection} » n'est pas une liste : rien n'a été "
            "importé, pour ne pas remplacer ce qui y est écrit.", file=target_file,
            code="tableur-liste-cible",
            hint=f"corrigez d'abord le fichier (coopdocs validate {target_file})")],
            file=target_file)
    # The file's own list, every entry kept in place (one that is not a mapping is the user's
    # to fix: `validate` names it; the import neither matches nor drops it).
    existing = list(data[collection]) if isinstance(data.get(collection), list) else []
    partners = data.get("partenaires") if isinstance(data.get("partenaires"), list) else []
    if stakeholders:
        _stakeholder_references(rows, partners or [])

    entries = list(existing)
    imported: dict[int, _Row] = {}
    used: set[int] = set()
    matched: dict[int, int] = {}  # row number → position of the entry it updates
    for row in rows:
        found = _match(existing, row, used)
        if found is not None:
            used.add(found)
            matched[row.number] = found
    _give_ids([r for r in rows if r.number not in matched],
              {str(e.get("id")) for e in existing if isinstance(e, dict) and e.get("id")})
    for row in rows:
        if row.number in matched:
            position = matched[row.number]
            entries[position], changed = _apply(existing[position], row, collection)
            action: Action = "modifie" if changed else "inchange"
            result.changes.append(Change(action, str(existing[position].get("id")),
                                         _display(entries[position], partners or []), row.number,
                                         changed))
            imported[position] = row
        else:
            imported[len(entries)] = row
            entries.append(row.data)
            result.changes.append(Change("ajoute", str(row.data["id"]),
                                         _display(row.data, partners or []), row.number))
    _validate(place, collection, entries, partners or [], imported, problems, result.new_file)
    result.problems = sorted(problems, key=lambda p: (p.line or 0, p.column or 0,
                                                      not p.is_error))
    bad_rows = {p.line for p in result.errors}
    if bad_rows and not partial:
        return result
    if bad_rows:
        result.skipped_rows = sorted(n for n in bad_rows if n is not None)
        kept = []
        for position, entry in enumerate(entries):
            origin = imported.get(position)
            if origin is not None and origin.number in bad_rows:
                if position < len(existing):  # the entry stays as the file had it
                    kept.append(existing[position])
                continue
            kept.append(entry)
        entries = kept
        result.changes = [c for c in result.changes if c.row not in bad_rows]
    if dry_run or not any(c.action != "inchange" for c in result.changes):
        return result
    data[collection] = entries
    if source is None:
        write_atomic(Path(target_file), (_NEW_FILE_HEADER + new_text(data)).encode("utf-8"))
    else:
        save_project(Path(target_file), data, expected_sha256=source.sha256)
    result.written = True
    return result


def _display(entry: dict[str, Any], partners: list[Any]) -> str:
    """The name a user knows an entry by (a stakeholder that is a partner: the partner's)."""
    if not (entry.get("raison_sociale") or entry.get("nom")) and entry.get("partenaire"):
        entry = next((p for p in partners if isinstance(p, dict)
                      and p.get("id") == entry["partenaire"]), entry)
    return str(entry.get("raison_sociale") or entry.get("nom") or entry.get("id") or "")


def _stakeholder_references(rows: list[_Row], partners: list[Any]) -> None:
    """A stakeholder's partner and referent are written as names in a sheet: their ids."""
    by_name: dict[str, str] = {}
    for partner in partners:
        if isinstance(partner, dict) and partner.get("id"):
            for name in (partner.get("id"), partner.get("sigle"), partner.get("raison_sociale")):
                if name:
                    by_name[words(name)] = str(partner["id"])
    for row in rows:
        for key in ("partenaire", "referent"):
            value = row.data.get(key)
            if isinstance(value, str) and words(value) in by_name:
                row.data[key] = by_name[words(value)]
        # A row named like a partner describes that partner: the map takes its name from it.
        name = row.data.get("nom")
        if "partenaire" not in row.data and isinstance(name, str) and words(name) in by_name:
            row.data = {("partenaire" if k == "nom" else k): (by_name[words(name)]
                                                              if k == "nom" else v)
                        for k, v in row.data.items()}
            row.columns[("partenaire",)] = row.columns.pop(("nom",), 0)
