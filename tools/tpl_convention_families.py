"""Articles of the convention that depend on the legal family of the parties or of the
cooperation (domain.md §12): the company the Parties prepare and the acts done for it in
formation, the marché of a groupement momentané d'entreprises and the mandate the convention
gives, the split of its prestations and its payment account, a public person's subsidy.

Each article is present only when the context says it applies (``articles.<key>`` is then its
number, see ``coopdocs.context.clauses.ARTICLES``); the texts come from
``coopdocs.context.families`` and every article of law from ``droit`` (data/droit.yaml), so a
legal adviser changes a citation in one place.
"""

from __future__ import annotations

from templatekit import Document, bullet, heading, loop_rows, para, ptag, table
from tpl_convention_articles import article, end_article

__all__ = ["company_and_market", "services", "subsidy"]


def company_and_market(doc: Document) -> None:
    """After « Objet » and « Préparation de la structure commune »."""
    article(doc, "societe", "Société envisagée")
    ptag(doc, "if societe.decrite")
    para(doc, "{{ societe.intention }}")
    ptag(doc, "if societe.capital")
    para(doc, "{{ societe.capital }}")
    ptag(doc, "endif")
    para(doc, "Les catégories d'associés envisagées sont les suivantes :")
    table(doc, ["Catégorie", "Nature", "Membres pressentis", "Part du capital", "Collège"],
          loop_rows("for cat in societe.categories",
                    ["{{ cat.libelle }}", "{{ cat.nature }}", "{{ cat.membres }}",
                     "{{ cat.capital }}", "{{ cat.college }}"]),
          [3.4, 3.8, 4.2, 2.4, 2.4])
    para(doc, "")
    ptag(doc, "else")
    para(doc, "{{ societe.intention }} {{ societe.categories_a_completer }}")
    ptag(doc, "endif")
    ptag(doc, "if societe.scic")
    para(doc, "{{ societe.regles_scic }}")
    ptag(doc, "if societe.colleges")
    para(doc, "{{ societe.regles_colleges }}")
    ptag(doc, "endif")
    ptag(doc, "endif")
    para(doc, "Ces choix expriment les intentions des Parties à la date de signature "
              "{{ acte.de_la }} ; ils ne seront arrêtés que par les statuts, adoptés et "
              "signés par l'ensemble des associés fondateurs. La société n'acquiert la "
              "personnalité morale qu'à compter de son immatriculation au registre du commerce "
              "et des sociétés "
              "({{ droit.personnalite_morale }}).")
    para(doc, "{{ societe.redaction }}")
    para(doc, "{{ societe.salaries }}")
    end_article(doc)

    article(doc, "formation", "Actes accomplis pour la société en formation")
    para(doc, "{{ societe.formation }}")
    para(doc, "{{ societe.reprise }}")
    # The Parties' financing of an action that pays these costs counts towards their share.
    para(doc, "{{ societe.frais }}{% if societe.frais_imputation %} "
              "{{ societe.frais_imputation }}{% endif %} {{ societe.frais_reglement }} "
              "{{ societe.frais_survie }}")
    end_article(doc)

    article(doc, "marche", "Marché visé et mandat")
    para(doc, "Les Parties se groupent pour présenter une candidature et une offre communes "
              "en réponse à la consultation suivante :")
    ptag(doc, "for ligne in groupement.marche.lignes")
    bullet(doc, "{{ ligne }}")
    ptag(doc, "endfor")
    # A member that also bid alone or in another groupement would compete with its own
    # groupement on prices it knows (C. com. L. 420-1): the law does not forbid it, the
    # convention does (juriste-C #5).
    para(doc, "{{ acte.La }} est signé{{ acte.e }} au plus tard le "
              "{{ groupement.marche.date_limite_texte }}, date limite de remise des offres. "
              "Par sa signature, chaque membre habilite le mandataire désigné à l'article "
              "{{ articles.mandataire }} à signer en son nom la candidature et l'offre du "
              "groupement puis, en cas d'attribution, le marché, et à le représenter auprès de "
              "l'acheteur ({{ droit.gme_mandataire }}). Le mandataire ne signe une "
              "modification du marché "
              "qui en change l'objet, le prix, les délais ou les obligations d'un membre "
              "qu'avec l'accord écrit de chacun des membres. Une copie "
              "{{ acte.de_la }} est jointe à la candidature. Jusqu'à l'attribution du marché, "
              "aucun membre ne présente, seul ou au sein d'un autre groupement, de candidature "
              "ou d'offre pour la même consultation. La composition du groupement est "
              "régie par l'article {{ articles.entree_retrait }}.")
    end_article(doc)


def services(doc: Document) -> None:
    """After the articles on the mandataire and on joint liability."""
    article(doc, "prestations", "Répartition des prestations et paiement")
    para(doc, "Les prestations du marché sont réparties entre les membres du groupement de la "
              "manière suivante :")
    table(doc, ["Membre", "Prestations", "Part"],
          loop_rows("for r in groupement.prestations.lignes",
                    ["{{ r.membre }}", "{{ r.prestations }}", "{{ r.part }}"]),
          [4.5, 9.5, 2.6])
    para(doc, "")
    ptag(doc, "if groupement.prestations.part_nulle")
    para(doc, "Un membre dont la part est nulle n'exécute lui-même aucune prestation du "
              "marché : il contribue au groupement de la manière décrite dans le tableau.")
    ptag(doc, "endif")
    ptag(doc, "if statut.solidaire")
    para(doc, "Entre les Parties, cette répartition fixe la part de chacune dans la charge "
              "définitive des prestations, en cas de mise en jeu de la solidarité prévue à "
              "l'article {{ articles.solidarite }}.")
    ptag(doc, "else")
    para(doc, "Chaque membre n'est engagé envers l'acheteur que pour les prestations qui lui "
              "sont attribuées dans cette répartition ({{ droit.gme_forme }}).")
    ptag(doc, "endif")
    # The split is part of the offer (acte d'engagement, DC1/DC2): it changes as the act does,
    # by an avenant signed by all (the instances only prepare it), and once the marché is
    # awarded, with the buyer's prior agreement: the buyer judged the offer on that split
    # (CCP R. 2142-19 ff.).
    para(doc, "Cette répartition est celle que le groupement déclare dans sa candidature et son "
              "offre. Elle ne peut être modifiée que par un avenant signé par "
              "{{ autres.toutes }}, conformément à l'article {{ articles.avenant }}, et, après "
              "l'attribution du marché, avec l'accord préalable de l'acheteur ; aucune "
              "décision des instances de gouvernance ne peut la modifier. Le "
              "mandataire ne signe une modification du marché qui change cette répartition "
              "qu'après la signature de cet avenant.")
    ptag(doc, "if groupement.compte_unique")
    para(doc, "L'acheteur règle les sommes dues au titre du marché sur un compte unique ouvert "
              "au nom de {{ groupement.mandataire }}, mandataire, et dédié au marché. Dans les "
              "huit jours de chaque encaissement, le mandataire reverse à chaque membre, depuis "
              "ce compte, la part correspondant aux prestations qu'il a exécutées et lui rend "
              "compte de l'encaissement.")
    ptag(doc, "else")
    para(doc, "L'acheteur règle directement à chaque membre, sur le compte que celui-ci lui a "
              "désigné, les sommes correspondant aux prestations qu'il a exécutées ; le "
              "mandataire coordonne et transmet les demandes de paiement des membres.")
    ptag(doc, "endif")
    end_article(doc)


def subsidy(doc: Document) -> None:
    """Before « Dispositions financières »."""
    ptag(doc, "if articles.subvention")
    heading(doc, "Article {{ articles.subvention }} – Subvention"
                 "{% if subventions|length > 1 %}s{% endif %}", 1)
    ptag(doc, "for s in subventions")
    ptag(doc, "if subventions|length > 1")
    para(doc, "Subvention {{ s.de_financeur }}", "Intertitre")
    ptag(doc, "endif")
    # The threshold of the law is annual (décret n° 2001-495): a premise « dépassant 23 000 € »
    # compared with the whole subsidy of a multi-year convention would be false. A written
    # convention that defines the subsidy is always possible, and required above it.
    para(doc, "Le présent article vaut convention d'attribution au sens de "
              "l'{{ droit.subvention }} : il définit l'objet, le montant, les modalités de "
              "versement et les conditions d'utilisation de la subvention.")
    para(doc, [("Objet et montant. ", "Strong"),
               "{{ s.Financeur }} attribue, pour la réalisation du projet, une subvention de "
               "{{ s.somme }}. Elle est affectée aux actions suivantes, à hauteur des montants "
               "indiqués, et bénéficie aux Parties qui les pilotent : "
               "{{ s.affectation_a_completer }}"])
    ptag(doc, "for a in s.affectations")
    bullet(doc, "{{ a.puce }}")
    ptag(doc, "endfor")
    para(doc, [("Modalités de versement. ", "Strong"), "{{ s.versement }}"])
    para(doc, [("Conditions d'utilisation. ", "Strong"),
               "Les Parties bénéficiaires emploient la subvention conformément à son objet et "
               "tiennent à la disposition {{ s.de_financeur }} les pièces justificatives des "
               "dépenses. Les sommes non employées, ou employées à un autre objet, lui sont "
               "reversées par chaque Partie bénéficiaire, à hauteur de la part de la subvention "
               "qu'elle a reçue."])
    # Passing money on, not paying it back (« reversées » above): its own word and deadline.
    ptag(doc, "if s.transfert")
    para(doc, [("{{ s.transfert_titre }}. ", "Strong"), "{{ s.transfert }}"])
    ptag(doc, "endif")
    # The funder checks what its money paid for, and answers a shortfall in proportion: a
    # legal adviser expects the control and its graduated consequences in writing.
    para(doc, [("Contrôle. ", "Strong"),
               "{{ s.Financeur }} peut contrôler l'emploi de la subvention, sur pièces et sur "
               "place ; les Parties bénéficiaires lui communiquent tout document utile et lui "
               "donnent accès aux lieux où les actions sont menées. En cas d'inexécution, "
               "d'exécution partielle ou de retard important des actions, ou d'emploi de la "
               "subvention non conforme à son objet, {{ s.financeur }} peut, après avoir invité "
               "les Parties bénéficiaires à présenter leurs observations dans un délai d'un "
               "mois, suspendre les versements, réduire le montant de la subvention à "
               "proportion de l'inexécution ou exiger le reversement de tout ou partie des "
               "sommes versées."])
    para(doc, [("Compte rendu financier. ", "Strong"),
               "Dans les {{ s.compte_rendu_delai }} qui suivent la fin de {{ s.exercice }}, "
               "les Parties qui en ont bénéficié transmettent "
               "{{ s.a_financeur }} un compte rendu financier attestant de la conformité des "
               "dépenses à l'objet de la subvention ({{ droit.subvention }})."])
    ptag(doc, "endfor")
    # The account is due after the last exercise, and control and repayment follow it: the
    # convention's term must not end them (loi n° 2000-321, art. 10).
    para(doc, "{{ subventions_survie }}")
    ptag(doc, "endif")
