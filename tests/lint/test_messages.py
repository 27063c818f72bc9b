"""The exact French a legal adviser reads, for a sample of linter messages: agreement in gender
and number with what the special tag removes (« toute la ligne de tableau », « seule dans sa
cellule »), tracked changes, schema conformance, the loop variable outside the body.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import Package, dele, deleted_mark, ins, p, r, table

from coopdocs.lint.checker import lint_template

ROW_LOOP = [["{%tr for x in partenaires %}", "Total"], ["{{ x.designation }}", ""],
            ["{%tr endfor %}", ""]]
ACCEPT = ("acceptez ou refusez les modifications suivies, puis arrêtez le suivi : Word, "
          "Révision > Accepter > Accepter toutes les modifications et arrêter le suivi ; "
          "LibreOffice, Édition > Suivi des modifications > Gérer > Tout accepter, puis "
          "décochez Édition > Suivi des modifications > Enregistrer")

SAMPLES = {
    "ligne-texte-perdu": (
        Package(table(ROW_LOOP)),
        "modele.docx, corps, tableau 1, ligne 1, cellule 2  texte à côté de « {%tr for x in "
        "partenaires %} » : le moteur supprime toute la ligne de tableau qui contient cette "
        "balise, ce texte disparaîtrait — texte concerné : « Total »  (laissez « {%tr for x in "
        "partenaires %} » seule dans sa ligne de tableau et déplacez le texte dans une ligne "
        "voisine)"),
    "ligne-hors-tableau": (
        Package(p("{%tr if projet.acronyme %}") + p("x") + p("{%tr endif %}")),
        "modele.docx, corps, paragraphe 1  balise « {%tr if projet.acronyme %} » placée hors "
        "d'un tableau : le moteur supprimerait du texte ailleurs dans le document — texte "
        "concerné : « {%tr if projet.acronyme %} »  (une balise {%tr … %} se place dans un "
        "tableau, seule dans sa ligne de tableau ; hors d'un tableau, écrivez {%p … %}, seule "
        "dans son paragraphe)"),
    "ligne-bloc": (
        Package(table([["{%tr if projet.acronyme %}x{%tr endif %}"]])),
        "modele.docx, corps, tableau 1, ligne 1, cellule 1  « {%tr if projet.acronyme %} » et "
        "sa fin sont dans la même ligne de tableau : le moteur supprime toute la ligne de "
        "tableau et le bloc ne se referme jamais — texte concerné : « {%tr if "
        "projet.acronyme %}x{%tr endif %} »  (pour une condition dans une cellule, écrivez "
        "{% if … %}…{% endif %} (sans tr) ; pour des lignes entières, mettez {%tr if … %} "
        "seule dans une ligne de tableau au-dessus et {%tr endif %} seule dans une ligne de "
        "tableau en dessous)"),
    "cellule-plusieurs": (
        Package(table([["{%tc if projet.acronyme %}{%tc if projet.nom %}", "x"],
                       ["{%tc endif %}", "{%tc endif %}"]])),
        "modele.docx, corps, tableau 1, ligne 1, cellule 1  2 balises spéciales dans la même "
        "cellule : le moteur n'en garde qu'une — texte concerné : « {%tc if projet.acronyme "
        "%}{%tc if projet.nom %} »  (mettez chaque balise {%tc … %} seule dans sa propre "
        "cellule)"),
    "paragraphe-valeur": (
        Package(p("Projet : {{p projet.nom }}")),
        "modele.docx, corps  texte à côté de « {{p projet.nom }} » : une balise {{p … }} occupe "
        "tout son paragraphe, ce texte disparaîtrait — texte concerné : « Projet : {{p "
        "projet.nom }} »  (laissez « {{p projet.nom }} » seule dans son paragraphe, ou "
        "écrivez-la sans « p » ({{ … }}) pour afficher la valeur dans une phrase)"),
    "ligne-valeur": (
        Package(table([["{{tr projet.nom }}"]])),
        "modele.docx, corps, tableau 1, ligne 1, cellule 1  la balise « {{tr projet.nom }} » "
        "remplacerait toute une ligne de tableau par une valeur : aucun texte ne peut être "
        "placé là, il serait perdu — texte concerné : « {{tr projet.nom }} »  (pour afficher "
        "un champ, écrivez {{ champ }} dans une cellule ; pour répéter une ligne, écrivez "
        "{%tr for … %} et {%tr endfor %}, chacune seule dans sa ligne)"),
    "bloc-non-ferme-ligne": (
        Package(table([["{%tr for x in partenaires %}"], ["{{ x.designation }}"]])),
        "modele.docx, corps, tableau 1, ligne 1, cellule 1  le bloc « {%tr for x in "
        "partenaires %} » n'est jamais refermé — texte concerné : « {%tr for x in partenaires "
        "%} »  (ajoutez {%tr endfor %} à l'endroit où le passage concerné se termine, seule "
        "dans sa ligne de tableau)"),
    "une-modification": (
        Package(p(r("Le projet "), ins(r("{{ projet.nom }}")), r(".")), "word"),
        "modele.docx, corps  avertissement : une modification suivie dans cette partie du "
        "modèle : coopdocs produit le document comme si elle était acceptée — texte "
        f"concerné : « Le projet {{{{ projet.nom }}}}. »  ({ACCEPT})"),
    "modifications": (
        Package(p(r("Le projet {{ projet.nom }}"), dele(" (ancien)"), ins(r(" nouveau")),
                  r(".")), "word"),
        "modele.docx, corps  avertissement : 2 modifications suivies dans cette partie du "
        "modèle : coopdocs produit le document comme si elles étaient toutes acceptées — texte "
        f"concerné : « Le projet {{{{ projet.nom }}}} nouveau. »  ({ACCEPT})"),
    "fusion": (
        Package(p(r("Début"), ppr=deleted_mark()) + p(r(" et fin.")), "word"),
        "modele.docx, corps  modification suivie que coopdocs ne sait pas accepter seul : deux "
        "paragraphes réunis par la suppression d'une marque de paragraphe — texte concerné : "
        f"« Début »  ({ACCEPT})"),
    "non-conforme": (
        Package(table([["Partenaire"]], tblpr='<w:tblLayout w:type="fixed"/>'
                                              '<w:tblW w:w="0" w:type="auto"/>')),
        "modele.docx, corps, tableau 1  avertissement : partie non conforme au format Word "
        "(ISO/IEC 29500) : « w:tblW » n'est pas à sa place dans « w:tblPr » (attendu à cet "
        "endroit : w:tblCellMar, w:tblLook, w:tblCaption, w:tblDescription…) ; Word pourrait "
        "déclarer endommagés les documents produits — texte concerné : « Partenaire »  "
        "(ouvrez le modèle dans Word et enregistrez-le de nouveau : Word remet ces éléments "
        "dans l'ordre qu'il attend ; si le modèle a été produit par un programme, corrigez ce "
        "programme)"),
    "boucle-dans-les-proprietes": (
        Package(p("{%p for x in partenaires %}") + p("{{ x.designation }}")
                + p("{%p endfor %}"), title="{{ x.designation }}"),
        "modele.docx, propriétés du document (titre)  « x » est une variable de boucle du "
        "corps du document : elle n'existe pas dans les propriétés du document — texte "
        "concerné : « {{ x.designation }} »  (hors du corps du document (en-têtes, pieds de "
        "page, propriétés), seuls les champs de premier niveau existent ({{ projet.nom }}) : "
        "remplacez la variable par un tel champ)"),
    "lien": (
        Package(p(r("Écrire à {{ projet."), '<w:hyperlink w:anchor="x">'
                  f'{r("nom }} ici")}</w:hyperlink>')),
        "modele.docx, corps  balise « {{ projet.nom }} » à cheval sur un lien hypertexte : le "
        "document produit serait endommagé — texte concerné : « Écrire à {{ projet.nom }} ici »"
        "  (retirez le lien hypertexte (clic droit > Supprimer le lien hypertexte) ou le "
        "contrôle de contenu qui coupe la balise, puis retapez-la d'un seul tenant ; « coopdocs "
        "templates fix » ne peut pas le faire à votre place)"),
}


@pytest.mark.parametrize("name", SAMPLES)
def test_the_exact_french_of_a_sample(name: str, tmp_path: Path) -> None:
    package, expected = SAMPLES[name]
    path = tmp_path / "modele.docx"
    path.write_bytes(package.build())
    # The first problem reported; a tag reported twice (its end tag too) or a refusal followed
    # by its warning come after it.
    assert next(problem.format() for problem in lint_template(path)) == expected
