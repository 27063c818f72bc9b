"""Articles of the convention de partenariat about the cooperation itself: objet, objectifs,
engagements, rôles, gouvernance, plan d'action, finances, moyens and suivi.

Split out of ``tpl_convention`` (house rule: no module over ~450 lines); the standard legal
clauses that follow them live in ``tpl_convention_clauses``. Each function appends its articles,
in document order, to the document ``tpl_convention.build`` is writing.
"""

from __future__ import annotations

from templatekit import (
    Document,
    bullet,
    heading,
    loop_rows,
    para,
    paragraphs_of,
    ptag,
    table,
)

__all__ = [
    "article",
    "commitments",
    "end_article",
    "finance",
    "governance",
    "objectives",
    "purpose",
    "roles",
]


def article(doc: Document, key: str, title: str) -> None:
    """Open an article: ``{%p if articles.key %}`` and its « Article N – Title » heading.

    Every article is conditional on its number in the context (``None`` = absent), so the
    numbering stays consecutive whatever the project; close it with ``end_article``.
    """
    ptag(doc, f"if articles.{key}")
    heading(doc, f"Article {{{{ articles.{key} }}}} – {title}", 1)


def end_article(doc: Document) -> None:
    ptag(doc, "endif")


def purpose(doc: Document) -> None:
    article(doc, "objet", "Objet")
    ptag(doc, "if statut.personne_morale")
    para(doc, "Le présent accord a pour objet de définir les conditions dans lesquelles les "
              "Parties préparent la constitution {{ statut.de_structure }} destinée à porter le "
              "projet {{ projet.nom_cite }}, et d'organiser leur coopération jusqu'à cette "
              "constitution, sur le territoire suivant : {{ projet.territoire }}.")
    ptag(doc, "else")
    para(doc, "{{ acte.La }} a pour objet d'organiser la coopération des Parties pour la mise en "
              "œuvre du projet {{ projet.nom_cite }}, sur le territoire suivant : "
              "{{ projet.territoire }}.")
    ptag(doc, "endif")
    para(doc, "Les articles qui suivent fixent les objectifs poursuivis, les engagements de "
              "chacune des Parties, les règles de gouvernance et les moyens mobilisés au service "
              "de l'objectif commun exposé au préambule.")
    end_article(doc)

    article(doc, "constitution", "Préparation de la structure commune")
    para(doc, "Les Parties conviennent d'étudier et de préparer ensemble la constitution "
              "{{ statut.de_structure }}. Les statuts de cette structure seront rédigés "
              "séparément, avec l'appui d'un conseil juridique (avocat, notaire ou structure "
              "d'accompagnement spécialisée), puis soumis à l'approbation des organes "
              "compétents de chacune des Parties.")
    para(doc, "Les Parties participent aux travaux préparatoires, se communiquent les "
              "informations économiques, sociales et juridiques nécessaires et font délibérer "
              "leurs instances en temps utile.")
    para(doc, "Le présent accord ne constitue ni un contrat de société ni un acte constitutif : "
              "il ne crée aucune personne morale et n'oblige aucune Partie à adhérer à la future "
              "structure ni à en souscrire le capital. Il prend fin lorsque la structure commune "
              "acquiert la personnalité morale, ou lorsque les Parties renoncent d'un commun "
              "accord à sa constitution ; elles décident alors par écrit du sort des "
              "engagements en cours.")
    end_article(doc)


def objectives(doc: Document) -> None:
    article(doc, "objectifs", "Objectifs du partenariat")
    para(doc, "Pour atteindre leur objectif commun, les Parties se fixent les objectifs "
              "opérationnels suivants, chacun suivi au moyen des indicateurs indiqués.")
    ptag(doc, "for o in objectifs")
    para(doc, "{{ o.titre }}", "Intertitre")
    paragraphs_of(doc, "o.description")
    ptag(doc, "for i in o.indicateurs")
    bullet(doc, "{{ i.texte }}")
    ptag(doc, "endfor")
    ptag(doc, "endfor")
    ptag(doc, "if annexe.plan_action")
    para(doc, "Les actions qui concourent à ces objectifs sont détaillées dans le plan d'action "
              "({{ annexe.plan_action }}).")
    ptag(doc, "endif")
    end_article(doc)


def commitments(doc: Document) -> None:
    article(doc, "engagements_communs", "Engagements communs des Parties")
    para(doc, "Les Parties s'engagent à :")
    ptag(doc, "for e in engagements_communs")
    bullet(doc, "{{ e }}")
    ptag(doc, "endfor")
    # Parties that could compete: competition law and the joint answers (context.convention).
    ptag(doc, "if concurrence")
    para(doc, "{{ concurrence }}")
    ptag(doc, "endif")
    para(doc, "Chaque Partie conserve son autonomie juridique, son identité et la responsabilité "
              "de ses propres activités. {{ acte.La }} ne crée entre elles ni personne morale, "
              "ni société de fait, ni lien de subordination.")
    end_article(doc)

    article(doc, "engagements_parties", "Engagements de chaque Partie")
    para(doc, "Outre les engagements communs, chaque Partie prend les engagements suivants.")
    ptag(doc, "for p in signataires_convention")
    para(doc, "{{ p.nom_complet }}", "Intertitre")
    para(doc, "{{ p.participation }}")
    ptag(doc, "if p.engagements_manque")
    para(doc, "{{ p.engagements_manque }}")
    ptag(doc, "endif")
    ptag(doc, "if p.contribution.description")
    para(doc, "Rôle dans le projet : {{ p.contribution.description_texte }}")
    ptag(doc, "endif")
    # « Apports au projet : » and a bullet each, or one sentence for a single contribution.
    ptag(doc, "if p.contribution.annonce")
    para(doc, "{{ p.contribution.annonce }}")
    ptag(doc, "for ligne in p.contribution.lignes")
    bullet(doc, "{{ ligne }}")
    ptag(doc, "endfor")
    ptag(doc, "endif")
    ptag(doc, "if p.mobilisation_annonce")
    para(doc, "{{ p.mobilisation_annonce }}")
    ptag(doc, "for ligne in p.mobilisation")
    bullet(doc, "{{ ligne }}")
    ptag(doc, "endfor")
    ptag(doc, "endif")
    ptag(doc, "endfor")
    end_article(doc)


def roles(doc: Document) -> None:
    article(doc, "coordination", "Chef de file et coordination")
    ptag(doc, "if pilotage.chef_de_file")
    para(doc, "{{ pilotage.chef_de_file.sujet }} est {{ pilotage.chef_de_file.designe }} "
              "chef de file du projet. À ce titre, le chef de file :")
    bullet(doc, "coordonne la mise en œuvre du projet et veille au respect du calendrier ;")
    bullet(doc, "prépare les réunions des instances et en assure le secrétariat, sauf "
                "organisation différente décidée par celles-ci ;")
    bullet(doc, "représente le partenariat auprès {% if financeurs %}des financeurs et {% endif %}"
                "des partenaires extérieurs, "
                "dans la limite des mandats que lui confient les instances de gouvernance ;")
    # Who keeps the administration and the accounts is said here, not left to the annex.
    bullet(doc, "{{ pilotage.suivi }}")
    ptag(doc, "for phrase in pilotage.suivi_repartition")
    para(doc, "{{ phrase }}")
    ptag(doc, "endfor")
    ptag(doc, "if statut.gme and pilotage.chef_de_file.est_mandataire")
    para(doc, "Hors les pouvoirs qu'il tient de sa qualité de mandataire du groupement, définis "
              "aux articles {{ articles.marche }} et {{ articles.mandataire }}, le chef de file "
              "ne peut engager {{ autres.parties }} sans {{ autres.leur }} accord écrit "
              "préalable.")
    ptag(doc, "else")
    para(doc, "Le chef de file ne peut engager {{ autres.parties }} sans {{ autres.leur }} "
              "accord écrit préalable.")
    ptag(doc, "endif")
    ptag(doc, "endif")
    ptag(doc, "if pilotage.coordinateur")
    # A coordinator that does not sign cannot « assure » anything under this contract (art.
    # 1199 of the Code civil): its part is support the Parties ask for.
    ptag(doc, "if pilotage.coordinateur_signataire")
    para(doc, "{{ pilotage.coordinateur.Appellation }} assure la coordination du projet : "
              "animation des instances, circulation de l'information, appui méthodologique et "
              "suivi des indicateurs.")
    ptag(doc, "else")
    para(doc, "Les Parties peuvent solliciter l'appui {{ pilotage.coordinateur.de_appellation }} "
              "pour la coordination du projet : animation des instances, circulation de "
              "l'information, appui méthodologique et suivi des indicateurs. N'étant pas "
              "partie {{ acte.a_la }}, {{ pilotage.coordinateur.appellation }} apporte cet "
              "appui à la demande des Parties, sans prendre aucun engagement au titre des "
              "présentes.")
    ptag(doc, "endif")
    ptag(doc, "endif")
    end_article(doc)

    article(doc, "mandataire", "Mandataire du groupement")
    para(doc, "Les Parties constituent un {{ statut.libelle }}, sans personnalité morale, pour "
              "présenter une offre commune et exécuter ensemble les prestations du marché "
              "correspondant au projet.")
    para(doc, "{{ statut.mandataire.sujet }} est {{ statut.mandataire.designe }} "
              "mandataire du groupement. À ce titre, le mandataire :")
    bullet(doc, "représente l'ensemble des membres du groupement à l'égard de l'acheteur pour "
                "la passation et l'exécution du marché ;")
    bullet(doc, "signe les documents communs au groupement, dans la limite des habilitations "
                "qu'il reçoit {{ autres.des_membres }} ;")
    bullet(doc, "coordonne les prestations des membres et transmet à l'acheteur les documents "
                "et informations nécessaires ;")
    bullet(doc, "veille à la répartition des paiements entre les membres conformément à la "
                "répartition des prestations.")
    # The engagement of each member of a conjoint groupement is said once, with the split of
    # the prestations it is measured by (article « prestations »).
    para(doc, "La mission du mandataire prend fin lorsque les obligations du groupement envers "
              "l'acheteur sont éteintes.")
    end_article(doc)

    article(doc, "solidarite", "Solidarité des membres du groupement")
    para(doc, "Le groupement étant solidaire, chacun de ses membres est engagé à l'égard de "
              "l'acheteur pour la totalité du marché et doit pallier la défaillance éventuelle "
              "{{ autres.d_un_membre }}.")
    para(doc, "Entre elles, les Parties supportent la charge définitive des prestations et des "
              "éventuelles pénalités à proportion de leur part dans la répartition des "
              "prestations, sauf faute de l'une d'elles, qui en supporte alors seule les "
              "conséquences. La Partie qui a exécuté ou payé à la place d'une Partie défaillante "
              "dispose d'un recours contre celle-ci.")
    ptag(doc, "for phrase in groupement.solidarite_financiere")
    para(doc, "{{ phrase }}")
    ptag(doc, "endfor")
    end_article(doc)


def governance(doc: Document) -> None:
    article(doc, "gouvernance", "Gouvernance")
    para(doc, "Le pilotage du projet est assuré par les instances suivantes.")
    ptag(doc, "for i in pilotage.instances")
    para(doc, "{{ i.nom }}", "Intertitre")
    bullet(doc, "Rôle : {{ i.role }}.")
    bullet(doc, "Composition : {{ i.composition }}.")
    ptag(doc, "if i.presidence")
    bullet(doc, "{{ i.presidence }}")
    ptag(doc, "endif")
    bullet(doc, "Réunions : {{ i.frequence }}.")
    bullet(doc, "Décisions : {{ i.decision }}.")
    ptag(doc, "endfor")
    ptag(doc, "for phrase in pilotage.votants_non_parties")
    para(doc, "{{ phrase }}")
    ptag(doc, "endfor")
    # A public buyer without a vote where joint answers are prepared (context.governance).
    ptag(doc, "if acheteurs_publics")
    para(doc, "{{ acheteurs_publics }}")
    ptag(doc, "endif")
    # An instance without every Party decides for the absent ones only by their delegation.
    ptag(doc, "for phrase in pilotage.delegations")
    para(doc, "{{ phrase }}")
    ptag(doc, "endfor")
    # A subsidy is the grantor's to change (its own organ decides it), whatever an instance
    # votes, even one where the public person sits.
    para(doc, "Les décisions des instances engagent les Parties dans la limite de l'objet "
              "{{ acte.de_la }}.{% if pilotage.limite_subventions %} "
              "{{ pilotage.limite_subventions }}{% endif %} Lorsqu'une décision excède les "
              "pouvoirs du représentant d'une Partie, elle n'engage cette Partie qu'après "
              "validation par ses organes compétents.")
    ptag(doc, "if annexe.gouvernance")
    para(doc, "Les règles détaillées de fonctionnement (convocation, présidence, comptes rendus, "
              "répartition des rôles, animation de la coopération, gestion des désaccords) "
              "figurent dans la fiche d'organisation de la gouvernance "
              "({{ annexe.gouvernance }}).")
    ptag(doc, "endif")
    end_article(doc)

    article(doc, "plan_action", "Plan d'action et calendrier")
    para(doc, "Les actions du projet, leurs pilotes et leurs périodes de réalisation sont les "
              "suivants :")
    table(doc, ["Action", "Pilote", "Période"],
          loop_rows("for a in actions", ["{{ a.intitule }}", "{{ a.pilote }}",
                                         "{{ a.periode }}"]),
          [7.0, 3.5, 6.0])
    para(doc, "")
    ptag(doc, "if annexe.plan_action")
    para(doc, "Le plan d'action ({{ annexe.plan_action }}) précise les tâches, les "
              "contributeurs et les financements de chaque action. Les instances de gouvernance "
              "le mettent à jour sans qu'un avenant soit nécessaire, tant que l'objet et les "
              "engagements financiers {{ acte.de_la }} ne sont pas modifiés.")
    ptag(doc, "endif")
    end_article(doc)


def finance(doc: Document) -> None:
    article(doc, "financier", "Dispositions financières")
    ptag(doc, "if budget.present")
    para(doc, "Le budget prévisionnel du projet s'élève à {{ budget.somme }} pour toute la durée "
              "{{ acte.de_la }}.")
    ptag(doc, "if budget.origine_plan")
    para(doc, "Ce montant correspond au total des besoins financiers des actions du plan "
              "d'action.")
    ptag(doc, "endif")
    ptag(doc, "if budget.repartition")
    para(doc, "Sa prise en charge est répartie entre les Parties de la manière suivante :")
    table(doc, ["Partie", "Montant", "Montant en lettres", "Part"],
          loop_rows("for r in budget.repartition",
                    ["{{ r.nom_complet }}", "{{ r.montant|montant }}", "{{ r.montant_lettres }}",
                     "{{ r.pourcentage|pourcentage }}"]),
          [5.2, 3.0, 5.8, 2.2])
    para(doc, "")
    # A majority of an instance adopts the budget; it cannot make a Party pay more than the
    # Party itself agreed to (each Party's commitment is its own).
    # Joint purchases: each Party consents in writing, by signing, up to its yearly ceiling.
    para(doc, "Cette répartition fixe l'engagement financier de chaque Partie. Aucune décision "
              "des instances de gouvernance, quelle que soit sa règle d'adoption, ne peut "
              "augmenter la contribution d'une Partie ni lui imposer une dépense nouvelle sans "
              "son accord écrit, donné par ses organes compétents{% if achats.present %} ou, "
              "pour les achats groupés, dans les conditions prévues ci-après{% endif %}.")
    ptag(doc, "endif")
    # The subsidy article prints the subsidy's terms of payment: refer to it, not repeat them;
    # the file's terms are then the other contributions'.
    ptag(doc, "if articles.subvention and not budget.sans_versement")
    para(doc, "{% if subventions|length > 1 %}Les subventions sont versées{% else %}La "
              "subvention est versée{% endif %} selon les modalités fixées à l'article "
              "{{ articles.subvention }}.")
    ptag(doc, "endif")
    # Parties that each pay their own expenses pay nothing to each other: no terms, no holder.
    ptag(doc, "if budget.sans_versement")
    para(doc, "{{ budget.sans_versement_texte }}")
    ptag(doc, "elif budget.modalites_phrase")
    para(doc, "{{ budget.modalites_phrase }}")
    ptag(doc, "elif budget.modalites_versement")
    para(doc, "Les {{ budget.autres }}contributions financières sont versées selon les "
              "modalités suivantes :")
    ptag(doc, "for modalite in budget.modalites_paragraphes")
    para(doc, "{{ modalite }}")
    ptag(doc, "endfor")
    ptag(doc, "elif budget.repartition")
    para(doc, "Les modalités de versement des {{ budget.autres }}contributions financières sont "
              "arrêtées par les instances de gouvernance et notifiées par écrit à chaque Partie.")
    ptag(doc, "else")
    # No split of the budget between the Parties: the convention sets no contribution, so it
    # cannot speak of « the » contributions as if it did.
    para(doc, "Le cas échéant, les modalités de versement des {{ budget.autres }}contributions "
              "financières des Parties sont arrêtées par les instances de gouvernance et "
              "notifiées par écrit à chaque Partie.")
    ptag(doc, "endif")
    # Money pooled by the Parties is held for them: separate accounts, a yearly account, the
    # unspent balance returned. Nothing is pooled when each Party pays its own expenses.
    ptag(doc, "if budget.sans_versement")
    ptag(doc, "elif budget.repartition")
    # Nobody holds another's money (each Party pays its own actions, a subsidy has its own
    # article): no holder's duties, nothing to return (juriste-C #18).
    ptag(doc, "if budget.gestionnaire")
    # A subsidy becomes its beneficiaries' own resource (its article): held « pour le
    # compte » of the Parties, it would be handled for the public person (gestion de fait).
    para(doc, "{% if articles.subvention %}À l'exception {% if subventions|length > 1 %}des "
              "subventions, qui deviennent{% else %}de la subvention, qui devient{% endif %} "
              "la ressource des Parties bénéficiaires dans les conditions de l'article "
              "{{ articles.subvention }}, l{% else %}L{% endif %}es contributions "
              "{{ autres.des_parties }} sont versées à {{ budget.gestionnaire }}, qui les gère "
              "pour le compte {{ autres.des_parties }} : les sommes reçues sont inscrites dans une "
              "comptabilité distincte de ses propres opérations et ne sont employées qu'aux "
              "{{ budget.emploi }} ; chaque année, un état des recettes et des dépenses, "
              "accompagné des justificatifs que les Parties demandent, leur rend compte de "
              "leur emploi.")
    ptag(doc, "elif budget.mise_en_commun")
    # Agreed with the number of Parties: between two, « pour le compte de l'autre Partie » (« son
    # compte » would read as the holder's own).
    para(doc, "{% if articles.subvention %}À l'exception {% if subventions|length > 1 %}des "
              "subventions, qui deviennent{% else %}de la subvention, qui devient{% endif %} "
              "la ressource des Parties bénéficiaires dans les conditions de l'article "
              "{{ articles.subvention }}, l{% else %}L{% endif %}a Partie qui reçoit des "
              "contributions {{ autres.des_parties }} pour les employer au projet les gère pour "
              "le compte {{ autres.des_parties }} : elle les inscrit dans une comptabilité "
              "distincte de ses propres opérations et ne les emploie qu'aux "
              "{{ budget.emploi }} ; chaque année, elle rend compte {{ autres.aux_parties }} "
              "de leur emploi, par un état des recettes et des dépenses accompagné des "
              "justificatifs demandés.")
    ptag(doc, "endif")
    # An unspent subsidy goes back whole to the public person (its own article), not pro rata.
    ptag(doc, "if budget.mise_en_commun")
    para(doc, "Le solde non employé au terme {{ acte.de_la }} est restitué aux Parties qui "
              "l'ont versé, au prorata de leurs contributions{% if articles.subvention %}, à "
              "l'exception de la part non employée de la subvention, reversée en totalité à la "
              "personne publique qui l'a attribuée, conformément à l'article "
              "{{ articles.subvention }}{% endif %}.")
    ptag(doc, "endif")
    ptag(doc, "endif")
    ptag(doc, "elif groupement.present")
    para(doc, "Hors le règlement du prix du marché, organisé à l'article "
              "{{ articles.prestations }}, {{ acte.la }} n'emporte aucun flux financier entre "
              "les Parties.")
    ptag(doc, "elif not achats.present")
    para(doc, "{{ acte.La }} n'emporte, à la date de sa signature, aucun flux financier entre "
              "les Parties.")
    ptag(doc, "endif")
    # Each Party's money is committed by its own written consent only, whatever the shape of
    # the budget: the delegation clauses of the governance article rely on this paragraph.
    ptag(doc, "if not budget.repartition")
    para(doc, "Aucune décision des instances de gouvernance, quelle que soit sa règle "
              "d'adoption, ne peut augmenter l'engagement financier d'une Partie ni lui imposer "
              "une dépense nouvelle sans son accord écrit, donné par ses organes "
              "compétents{% if achats.present %} ou, pour les achats groupés, dans les "
              "conditions prévues ci-après{% endif %}.")
    ptag(doc, "endif")
    # Buying together moves money between the Parties: who orders and pays, who reimburses.
    ptag(doc, "if achats.present")
    para(doc, [("Achats groupés. ", "Strong"), "{{ achats.texte }}"])
    ptag(doc, "endif")
    # The user's reason runs on after the colon when it is one paragraph.
    ptag(doc, "if budget.ecarts_phrase")
    para(doc, "{{ budget.ecarts_phrase }}")
    ptag(doc, "for raison in budget.ecarts_paragraphes")
    para(doc, "{{ raison }}")
    ptag(doc, "endfor")
    ptag(doc, "endif")
    ptag(doc, "if budget.apports_precises")
    para(doc, "Les apports financiers de chaque Partie sont précisés à l'article "
              "{{ articles.engagements_parties }}.")
    ptag(doc, "endif")
    para(doc, "Sauf stipulation contraire, chaque Partie supporte les frais qu'elle engage pour "
              "l'exécution {{ acte.de_la }}. Chaque Partie fait son affaire du régime fiscal, "
              "notamment en matière de TVA, applicable aux sommes qu'elle verse ou reçoit.")
    # A plan without any figure (a GME's preparation of its offer) details no financing.
    ptag(doc, "if annexe.plan_action and budget.present")
    para(doc, "Le détail des financements par action figure dans le plan d'action "
              "({{ annexe.plan_action }}).")
    ptag(doc, "endif")
    end_article(doc)

    article(doc, "moyens", "Moyens mis à disposition")
    para(doc, "Les moyens humains et matériels que les Parties consacrent au projet sont "
              "décrits à l'article {{ articles.engagements_parties }}.")
    para(doc, "Les biens mis à disposition restent la propriété de la Partie qui les apporte ; "
              "celle-ci les assure, sauf accord contraire. La Partie qui les utilise en prend "
              "soin et les restitue à la fin du projet ou à la première demande justifiée.")
    # Epicene words in the contract (domain.md §9.6): « personnes salariées », not « salarié·e·s ».
    # The ETTI's and the AI's own rules are cited only when such a structure is a Party.
    para(doc, "Les personnes salariées que les Parties mobilisent sur le projet restent placées "
              "sous l'autorité de leur employeur, qui conserve à leur égard toutes les "
              "obligations liées au contrat de travail. Toute mise à disposition de personnel "
              "entre Parties fait l'objet d'une convention particulière. Elle ne peut poursuivre "
              "de but lucratif, dans le respect des articles L. 8241-1 et L. 8241-2 du code du "
              "travail{{ moyens_exception }}.")
    end_article(doc)

    article(doc, "suivi", "Suivi et évaluation")
    para(doc, "Les Parties suivent ensemble l'avancement du projet au moyen des indicateurs "
              "définis à l'article {{ articles.objectifs }}. Chaque Partie transmet les données "
              "dont elle a la charge dans les délais fixés par les instances de gouvernance.")
    para(doc, "Un bilan est présenté au moins une fois par an aux instances de gouvernance. Un "
              "bilan final est établi au terme {{ acte.de_la }} : il mesure l'atteinte des "
              "objectifs et propose, le cas échéant, les suites à donner à la coopération.")
    end_article(doc)
