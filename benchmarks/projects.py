"""Project files for the benchmarks: many varied ones, and one large one.

- `generate(count, folder)`: `count` valid projects built on the complete example (every
  document, pictures included), varied in names, number of partners, stakeholders, tasks and
  text lengths; one in five is the minimal example (no plan d'action), as a network's batch
  would hold.
- `large_project(path)`: 60 partners, 500 tasks over three years, every partner a stakeholder
  — the size the pictures must stay readable and fast at.

Both are deterministic (a fixed seed), so two runs measure the same inputs.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPLETE = ROOT / "examples" / "exemple-complet.yaml"
MINIMAL = ROOT / "examples" / "exemple-minimal.yaml"

PARTNER = """  - id: ajout{k}
    raison_sociale: "{name}"
    forme_juridique: association
    type_structure: aci
    siret: "{siret}"
    adresse: {{ligne1: "{k} rue de la Coopération", code_postal: "93140", commune: "Bondy"}}
    representant: {{civilite: madame, prenom: "Anne", nom: "Martin-{k}", qualite: "Présidente"}}
    role: {role}
"""
STAKEHOLDER = """  - id: pp{k}
    nom: "{name}"
    categorie: {category}
    cercle: {circle}
    influence: {influence}
    interet: {interest}
"""
ACTION = """  - id: action{a}
    intitule: "{title}"
    objectif: ouverture
    pilote: recycl
    date_debut: {start}
    echeance: {end}
    taches:
"""
TASK = ('      - {{id: t{a}x{t}, libelle: "{label}", responsable: {who}, date_debut: {start}, '
        'date_fin: {end}{milestone}}}\n')
SENTENCE = "Les partenaires mettent en commun leurs savoir-faire et leurs moyens. "
NAMES = ("Structure associée", "Régie de quartier", "Atelier chantier d'insertion",
         "Entreprise d'insertion par le réemploi", "Association intermédiaire du territoire",
         "Coopérative d'activité et d'emploi")
WHO = ("Centre communal d'action sociale", "Mission locale", "Bailleur social",
       "Fondation d'entreprise", "Conseil départemental", "Habitant·e·s du quartier",
       "Syndicat intercommunal de collecte", "France Travail, agence locale")
CATEGORIES = ("collectivite", "financeur", "association", "entreprise", "beneficiaires")
CIRCLES = ("coeur", "operationnel", "soutien", "environnement")
LEVELS = ("faible", "moyen", "fort")
VERBS = ("Préparer", "Organiser", "Valider", "Former l'équipe à", "Lancer", "Évaluer",
         "Documenter", "Présenter au comité")
OBJECTS = ("la collecte", "le tri des objets", "la réparation", "la vente", "l'accueil",
           "la communication", "le bilan trimestriel", "le plan de formation")


def siret(rng: random.Random) -> str:
    """A SIRET that passes the Luhn check."""
    digits = [rng.randrange(10) for _ in range(13)]
    for last in range(10):
        total = 0
        for index, digit in enumerate([*digits, last]):
            doubled = digit * 2 if index % 2 == 0 else digit
            total += doubled - 9 if doubled > 9 else doubled
        if total % 10 == 0:
            return "".join(map(str, [*digits, last]))
    raise AssertionError


def _partners(rng: random.Random, count: int, tag: str) -> str:
    roles = ("partenaire_operationnel", "partenaire_operationnel", "financeur",
             "partenaire_associe")
    return "".join(
        PARTNER.format(k=k, siret=siret(rng), role=roles[k % len(roles)],
                       name=f"{NAMES[k % len(NAMES)]} {tag}-{k}")
        for k in range(count))


def _stakeholders(count: int, tag: str) -> str:
    return "".join(
        STAKEHOLDER.format(k=k, name=f"{WHO[k % len(WHO)]} {tag}-{k}",
                           category=CATEGORIES[k % len(CATEGORIES)],
                           circle=CIRCLES[2 + k % 2], influence=LEVELS[k % 3],
                           interest=LEVELS[(k // 3) % 3])
        for k in range(count))


def _actions(rng: random.Random, actions: int, tasks: int, first: dt.date,
             days: int, who: list[str]) -> str:
    """`actions` actions sharing `tasks` tasks, spread over `days` days from `first`."""
    out = []
    per = max(tasks // actions, 1)
    left = tasks
    for a in range(actions):
        count = per if a < actions - 1 else left
        left -= count
        a_start = first + dt.timedelta(days=days * a // (actions + 1))
        span = max(days // 3, 60)
        a_end = min(a_start + dt.timedelta(days=span), first + dt.timedelta(days=days))
        text = ACTION.format(a=a, title=f"{VERBS[a % len(VERBS)]} {OBJECTS[a % len(OBJECTS)]}",
                             start=a_start, end=a_end)
        for t in range(count):
            length = (a_end - a_start).days
            start = a_start + dt.timedelta(days=rng.randrange(max(length - 14, 1)))
            end = min(start + dt.timedelta(days=rng.randrange(3, 60)), a_end)
            label = f"{VERBS[(a + t) % len(VERBS)]} {OBJECTS[t % len(OBJECTS)]} n° {t + 1}"
            text += TASK.format(a=a, t=t, label=label, who=who[t % len(who)], start=start,
                                end=end, milestone=", jalon: true" if t % 9 == 8 else "")
        out.append(text)
    return "".join(out)


def _complete(rng: random.Random, i: int, *, partners: int, stakeholders: int,
              actions: int, tasks: int, days: int) -> str:
    text = COMPLETE.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^  nom: "(.*)"$', lambda m: f'  nom: "{m[1]} n°{i}"', text, count=1)
    text = re.sub(r'raison_sociale: "([^"]*)"', lambda m: f'raison_sociale: "{m[1]} {i}"', text)
    text = text.replace("\nobjectif_commun:", f"{_partners(rng, partners, str(i))}\n"
                        "objectif_commun:", 1)
    text = text.replace("\nparties_prenantes:\n",
                        f"\nparties_prenantes:\n{_stakeholders(stakeholders, str(i))}", 1)
    who = ["recycl", "repar", "ai-courneuve", *(f"ajout{k}" for k in range(partners))]
    plan = _actions(rng, actions, tasks, dt.date(2027, 1, 4), days, who)
    text = text.replace("\nretroplanning:\n", f"{plan}\nretroplanning:\n", 1)
    if days > 400:  # the example's deadline would fall before most of the tasks
        deadline = dt.date(2027, 1, 4) + dt.timedelta(days=days)
        text = text.replace("date_butoir: 2027-06-30", f"date_butoir: {deadline}")
    return text


def generate(count: int, folder: Path) -> list[Path]:
    """`count` valid, varied project files in `folder`."""
    rng = random.Random(20261127)
    minimal = MINIMAL.read_text(encoding="utf-8")
    files = []
    for i in range(count):
        if i % 5 == 4:  # a project that has only just started: no plan d'action yet
            text = minimal.replace('objectif_commun: "', f'objectif_commun: "{SENTENCE * (i % 4)}',
                                   1)
            text = re.sub(r'raison_sociale: "([^"]*)"',
                          lambda m, i=i: f'raison_sociale: "{m[1]} {i}"', text)
            text = text.replace("\nobjectif_commun:", f"{_partners(rng, i % 5, str(i))}\n"
                                "objectif_commun:", 1)
        else:
            text = _complete(rng, i, partners=i % 6, stakeholders=2 + i % 7, actions=1 + i % 3,
                             tasks=4 + i % 12, days=180 + 20 * (i % 10))
        path = folder / f"projet-{i:04d}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def large_project(path: Path, partners: int = 60, tasks: int = 500) -> Path:
    """One project with `partners` partners (the example's five included) and `tasks` tasks."""
    rng = random.Random(60500)
    text = _complete(rng, 0, partners=partners - 5, stakeholders=10, actions=25, tasks=tasks,
                     days=1080)  # within the project: 2027 to 2029
    path.write_text(text, encoding="utf-8")
    return path
