"""Builder of ``coopdocs/templates/convention-de-partenariat.docx``.

The convention (or, for a new legal person, the agreement preparing its statuts) reads the
context of ``coopdocs.project.build_context``. Every article is conditional on its number in
``articles`` (``None`` = absent), so numbering stays consecutive whatever the project; the
numbers and all grammar (« la présente convention » / « le présent accord », dénommée /
dénommé…) come from the context.
"""

from __future__ import annotations

from pathlib import Path

from templatekit import (
    bullet,
    heading,
    loop_rows,
    new_document,
    para,
    paragraphs_of,
    ptag,
    save,
    signature_table,
    table,
)

FILE = "convention-de-partenariat.docx"


def _article(doc, key: str, title: str) -> None:
    """Open an article: ``{%p if articles.key %}`` and its « Article N – Title » heading."""
    ptag(doc, f"if articles.{key}")
    heading(doc, f"Article {{{{ articles.{key} }}}} – {title}", 1)


def _end(doc) -> None:
    ptag(doc, "endif")


def _front(doc) -> None:
    heading(doc, "{{ acte.titre }}", 0)
    ptag(doc, "if acte.mention")
    para(doc, "{{ acte.mention }}", "Centre")
    ptag(doc, "endif")
    para(doc, "{{ projet.nom_complet }}", "Subtitle")

    para(doc, [("Entre les soussignés :", "Strong")])
    ptag(doc, "for c in comparants")
    para(doc, [("{{ c.partie.nom_complet }}", "Strong"),
               ", {{ c.partie.forme_libelle }}, dont le siège est situé {{ c.partie.siege }}"
               "{{ c.partie.identifiants }}, {{ c.partie.represente }} par "
               "{{ c.partie.representant }}, {{ c.partie.habilitation }},"])
    para(doc, "ci-après {{ c.partie.denomme }} « {{ c.partie.designation }} »,")
    ptag(doc, "if c.apres")
    para(doc, "{{ c.apres }}")
    ptag(doc, "endif")
    ptag(doc, "if c.et")
    para(doc, "ET", "Centre")
    ptag(doc, "endif")
    ptag(doc, "endfor")
    para(doc, "ci-après désignées ensemble « les Parties » et individuellement « une Partie ».")
    ptag(doc, "if pilotage.egide")
    para(doc, "{{ pilotage.egide }}, qui coordonne le projet sans être partie {{ acte.a_la }}.",
         "Centre")
    ptag(doc, "endif")


def _preamble(doc) -> None:
    heading(doc, "Préambule", 1)
    para(doc, "Il a été préalablement exposé ce qui suit :")

    heading(doc, "Le contexte", 2)
    paragraphs_of(doc, "projet.contexte")
    ptag(doc, "if preambule.initiative")
    para(doc, "{{ preambule.initiative }}")
    ptag(doc, "endif")

    heading(doc, "Les Parties", 2)
    ptag(doc, "for p in signataires_convention")
    para(doc, "{{ p.nom_complet }}", "Intertitre")
    paragraphs_of(doc, "p.presentation_paragraphes")
    ptag(doc, "endfor")

    ptag(doc, "if preambule.ecosysteme or preambule.ecosysteme_notes")
    heading(doc, "L'écosystème du projet", 2)
    ptag(doc, "for phrase in preambule.ecosysteme")
    para(doc, "{{ phrase }}")
    ptag(doc, "endfor")
    paragraphs_of(doc, "preambule.ecosysteme_notes")
    ptag(doc, "endif")

    heading(doc, "Le projet commun", 2)
    para(doc, "Les Parties décrivent leur projet commun en ces termes : "
              "« {{ projet.description_cite }} ».")
    para(doc, "Elles se donnent l'objectif commun suivant : « {{ objectif_commun_cite }} ».")
    para(doc, "{{ enjeux_intro }}")
    ptag(doc, "for enjeu in enjeux_puces")
    bullet(doc, "{{ enjeu }}")
    ptag(doc, "endfor")
    ptag(doc, "if projet.cooperations_phrase")
    para(doc, "{{ projet.cooperations_phrase }}")
    ptag(doc, "endif")

    heading(doc, "Le choix de la formalisation", 2)
    para(doc, "{{ formalisation }}")
    paragraphs_of(doc, "statut.justification")
    para(doc, [("Ceci exposé, il a été convenu et arrêté ce qui suit :", "Strong")])


def _purpose(doc) -> None:
    _article(doc, "objet", "Objet")
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
    _end(doc)

    _article(doc, "constitution", "Préparation de la structure commune")
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
    _end(doc)


def _objectives(doc) -> None:
    _article(doc, "objectifs", "Objectifs du partenariat")
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
    _end(doc)


def _commitments(doc) -> None:
    _article(doc, "engagements_communs", "Engagements communs des Parties")
    para(doc, "Les Parties s'engagent à :")
    bullet(doc, "agir loyalement et de bonne foi les unes envers les autres ;")
    bullet(doc, "participer activement aux instances de gouvernance prévues à l'article "
                "{{ articles.gouvernance }} ;")
    bullet(doc, "partager les informations utiles à la conduite du projet et signaler sans délai "
                "toute difficulté susceptible d'en affecter le déroulement ;")
    bullet(doc, "mettre en œuvre les actions qui leur incombent dans les délais convenus ;")
    ptag(doc, "if annexe.charte")
    bullet(doc, "respecter les valeurs et les principes de la charte de coopération "
                "({{ annexe.charte }}) ;")
    ptag(doc, "endif")
    bullet(doc, "faire des parcours des salarié·e·s en insertion une priorité dans les choix "
                "communs.")
    para(doc, "Chaque Partie conserve son autonomie juridique, son identité et la responsabilité "
              "de ses propres activités. {{ acte.La }} ne crée entre elles ni personne morale, "
              "ni société de fait, ni lien de subordination.")
    _end(doc)

    _article(doc, "engagements_parties", "Engagements de chaque Partie")
    para(doc, "Outre les engagements communs, chaque Partie prend les engagements suivants.")
    ptag(doc, "for p in signataires_convention")
    para(doc, "{{ p.nom_complet }}", "Intertitre")
    para(doc, "{{ p.participation }}")
    ptag(doc, "if p.contribution.description")
    para(doc, "Rôle dans le projet : {{ p.contribution.description_texte }}")
    ptag(doc, "endif")
    ptag(doc, "if p.contribution.lignes")
    para(doc, "Apports au projet :")
    ptag(doc, "for ligne in p.contribution.lignes")
    bullet(doc, "{{ ligne }}")
    ptag(doc, "endfor")
    ptag(doc, "endif")
    ptag(doc, "endfor")
    _end(doc)


def _roles(doc) -> None:
    _article(doc, "coordination", "Chef de file et coordination")
    ptag(doc, "if pilotage.chef_de_file")
    para(doc, "{{ pilotage.chef_de_file.sujet }} est {{ pilotage.chef_de_file.designe }} "
              "chef de file du projet. À ce titre, le chef de file :")
    bullet(doc, "coordonne la mise en œuvre du projet et veille au respect du calendrier ;")
    bullet(doc, "prépare les réunions des instances et en assure le secrétariat, sauf "
                "organisation différente décidée par celles-ci ;")
    bullet(doc, "représente le partenariat auprès des financeurs et des partenaires extérieurs, "
                "dans la limite des mandats que lui confient les instances de gouvernance ;")
    bullet(doc, "assure le suivi administratif et financier du projet et en rend compte "
                "régulièrement aux autres Parties.")
    para(doc, "Le chef de file ne peut engager les autres Parties sans leur accord écrit "
              "préalable.")
    ptag(doc, "endif")
    ptag(doc, "if pilotage.coordinateur")
    para(doc, "{{ pilotage.coordinateur.Appellation }} assure la coordination du projet : "
              "animation des instances, circulation de l'information, appui méthodologique et "
              "suivi des indicateurs.")
    ptag(doc, "if not pilotage.coordinateur_signataire")
    para(doc, "N'étant pas partie {{ acte.a_la }}, {{ pilotage.coordinateur.appellation }} "
              "intervient à la demande des Parties et ne prend aucun engagement au titre des "
              "présentes.")
    ptag(doc, "endif")
    ptag(doc, "endif")
    _end(doc)

    _article(doc, "mandataire", "Mandataire du groupement")
    para(doc, "Les Parties constituent un {{ statut.libelle }}, sans personnalité morale, pour "
              "présenter une offre commune et exécuter ensemble les prestations du marché "
              "correspondant au projet.")
    para(doc, "{{ statut.mandataire.sujet }} est {{ statut.mandataire.designe }} "
              "mandataire du groupement. À ce titre, le mandataire :")
    bullet(doc, "représente l'ensemble des membres du groupement à l'égard de l'acheteur pour "
                "la passation et l'exécution du marché ;")
    bullet(doc, "signe les documents communs au groupement, dans la limite des habilitations "
                "que lui donnent les autres membres ;")
    bullet(doc, "coordonne les prestations des membres et transmet à l'acheteur les documents "
                "et informations nécessaires ;")
    bullet(doc, "veille à la répartition des paiements entre les membres conformément à la "
                "répartition des prestations.")
    ptag(doc, "if not statut.solidaire")
    para(doc, "Le groupement étant conjoint, chaque membre n'est engagé à l'égard de "
              "l'acheteur que pour les prestations qui lui sont attribuées dans la répartition "
              "jointe à l'offre.")
    ptag(doc, "endif")
    para(doc, "La mission du mandataire prend fin lorsque les obligations du groupement envers "
              "l'acheteur sont éteintes.")
    _end(doc)

    _article(doc, "solidarite", "Solidarité des membres du groupement")
    para(doc, "Le groupement étant solidaire, chacun de ses membres est engagé à l'égard de "
              "l'acheteur pour la totalité du marché et doit pallier la défaillance éventuelle "
              "d'un autre membre.")
    para(doc, "Entre elles, les Parties supportent la charge définitive des prestations et des "
              "éventuelles pénalités à proportion de leur part dans la répartition des "
              "prestations, sauf faute de l'une d'elles, qui en supporte alors seule les "
              "conséquences. La Partie qui a exécuté ou payé à la place d'une Partie défaillante "
              "dispose d'un recours contre celle-ci.")
    _end(doc)


def _governance(doc) -> None:
    _article(doc, "gouvernance", "Gouvernance")
    para(doc, "Le pilotage du projet est assuré par les instances suivantes.")
    ptag(doc, "for i in pilotage.instances")
    para(doc, "{{ i.nom }}", "Intertitre")
    bullet(doc, "Rôle : {{ i.role }}.")
    bullet(doc, "Composition : {{ i.composition }}.")
    bullet(doc, "Réunions : {{ i.frequence }}.")
    bullet(doc, "Décisions : {{ i.decision }}.")
    ptag(doc, "endfor")
    para(doc, "Les décisions des instances engagent les Parties dans la limite de l'objet "
              "{{ acte.de_la }}. Lorsqu'une décision excède les pouvoirs du représentant d'une "
              "Partie, elle n'engage cette Partie qu'après validation par ses organes "
              "compétents.")
    ptag(doc, "if annexe.gouvernance")
    para(doc, "Les règles détaillées de fonctionnement (convocation, présidence, comptes rendus, "
              "répartition des rôles, animation de la coopération, gestion des désaccords) "
              "figurent dans la fiche d'organisation de la gouvernance "
              "({{ annexe.gouvernance }}).")
    ptag(doc, "endif")
    _end(doc)

    _article(doc, "plan_action", "Plan d'action et calendrier")
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
    _end(doc)


def _finance(doc) -> None:
    _article(doc, "financier", "Dispositions financières")
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
    ptag(doc, "endif")
    ptag(doc, "if budget.modalites_versement")
    para(doc, "Les contributions financières sont versées selon les modalités suivantes :")
    paragraphs_of(doc, "budget.modalites_versement")
    ptag(doc, "else")
    para(doc, "Les modalités de versement des contributions financières sont arrêtées par les "
              "instances de gouvernance et notifiées par écrit à chaque Partie.")
    ptag(doc, "endif")
    ptag(doc, "else")
    para(doc, "{{ acte.La }} n'emporte, à la date de sa signature, aucun flux financier entre "
              "les Parties.")
    ptag(doc, "endif")
    ptag(doc, "if budget.apports")
    para(doc, "Les apports financiers de chaque Partie sont précisés à l'article "
              "{{ articles.engagements_parties }}.")
    ptag(doc, "endif")
    para(doc, "Sauf stipulation contraire, chaque Partie supporte les frais qu'elle engage pour "
              "l'exécution {{ acte.de_la }}. Chaque Partie fait son affaire du régime fiscal, "
              "notamment en matière de TVA, applicable aux sommes qu'elle verse ou reçoit.")
    ptag(doc, "if annexe.plan_action")
    para(doc, "Le détail des financements par action figure dans le plan d'action "
              "({{ annexe.plan_action }}).")
    ptag(doc, "endif")
    _end(doc)

    _article(doc, "moyens", "Moyens mis à disposition")
    para(doc, "Les moyens humains et matériels que les Parties consacrent au projet sont "
              "décrits à l'article {{ articles.engagements_parties }}.")
    para(doc, "Les biens mis à disposition restent la propriété de la Partie qui les apporte ; "
              "celle-ci les assure, sauf accord contraire. La Partie qui les utilise en prend "
              "soin et les restitue à la fin du projet ou à la première demande justifiée.")
    para(doc, "Les salarié·e·s mobilisé·e·s sur le projet restent placé·e·s sous l'autorité de "
              "leur employeur, qui conserve à leur égard toutes les obligations liées au contrat "
              "de travail. Toute mise à disposition de personnel entre Parties fait l'objet "
              "d'une convention particulière et ne peut poursuivre de but lucratif, dans le "
              "respect des articles L. 8241-1 et L. 8241-2 du Code du travail et des règles "
              "propres aux associations intermédiaires et aux entreprises de travail temporaire "
              "d'insertion.")
    _end(doc)

    _article(doc, "suivi", "Suivi et évaluation")
    para(doc, "Les Parties suivent ensemble l'avancement du projet au moyen des indicateurs "
              "définis à l'article {{ articles.objectifs }}. Chaque Partie transmet les données "
              "dont elle a la charge dans les délais fixés par les instances de gouvernance.")
    para(doc, "Un bilan est présenté au moins une fois par an aux instances de gouvernance. Un "
              "bilan final est établi au terme {{ acte.de_la }} : il mesure l'atteinte des "
              "objectifs et propose, le cas échéant, les suites à donner à la coopération.")
    _end(doc)


def _clauses(doc) -> None:
    _article(doc, "communication", "Communication")
    ptag(doc, "if clauses.validation_conjointe")
    para(doc, "Toute communication externe relative au projet (supports, publications, "
              "relations avec la presse, réseaux sociaux) est validée conjointement par les "
              "Parties avant sa diffusion.")
    ptag(doc, "else")
    para(doc, "Chaque Partie peut communiquer sur le projet, en présentant fidèlement le rôle "
              "de chacune et en informant préalablement les autres Parties.")
    ptag(doc, "endif")
    para(doc, "Chaque Partie autorise les autres à utiliser son nom et son logo pour les seuls "
              "besoins de la communication sur le projet, pendant la durée {{ acte.de_la }}. "
              "Les financeurs sont mentionnés sur les supports de communication selon leurs "
              "exigences.")
    _end(doc)

    _article(doc, "propriete_intellectuelle", "Propriété intellectuelle")
    ptag(doc, "for texte in clauses.propriete_intellectuelle.paragraphes")
    para(doc, "{{ texte }}")
    ptag(doc, "endfor")
    _end(doc)

    _article(doc, "confidentialite", "Confidentialité")
    para(doc, "Les Parties gardent confidentielles les informations de toute nature "
              "(économiques, financières, commerciales, techniques ou relatives aux personnes) "
              "qu'elles se communiquent dans le cadre du projet et qui sont signalées comme "
              "confidentielles ou le sont par nature. Elles ne les utilisent que pour les "
              "besoins du projet et ne les communiquent qu'aux membres de leur personnel qui "
              "ont besoin de les connaître.")
    para(doc, "Cette obligation ne s'applique ni aux informations déjà publiques, ni à celles "
              "dont la communication est exigée par la loi ou par une autorité. Elle s'applique "
              "pendant toute la durée {{ acte.de_la }} et pendant "
              "{{ clauses.confidentialite.duree }} après son terme.")
    _end(doc)

    _article(doc, "donnees_personnelles", "Protection des données personnelles")
    para(doc, "Pour les besoins du projet, les Parties peuvent être amenées à échanger des "
              "données à caractère personnel, notamment sur les salarié·e·s en parcours "
              "d'insertion et les personnes accompagnées. Elles respectent le règlement (UE) "
              "2016/679 du 27 avril 2016 (RGPD) et la loi n° 78-17 du 6 janvier 1978 relative à "
              "l'informatique, aux fichiers et aux libertés.")
    para(doc, "Chaque Partie reste responsable des traitements qu'elle met en œuvre pour ses "
              "propres finalités. Les Parties ne se communiquent que les données strictement "
              "nécessaires au projet, informent les personnes concernées, assurent la sécurité "
              "et la confidentialité des données et ne les conservent que le temps nécessaire. "
              "Elles se signalent sans délai toute violation de données susceptible de "
              "concerner les autres Parties.")
    para(doc, "Lorsque des Parties déterminent ensemble les finalités et les moyens d'un "
              "traitement, elles en sont responsables conjointes et définissent par écrit leurs "
              "obligations respectives, conformément à l'article 26 du RGPD.")
    _end(doc)

    ptag(doc, "if articles.responsabilites")
    heading(doc, "Article {{ articles.responsabilites }} – Responsabilités"
                 "{% if clauses.assurances %} et assurances{% endif %}", 1)
    para(doc, "Chaque Partie est seule responsable des dommages causés par ses propres "
              "activités, son personnel ou ses biens dans le cadre du projet. Aucune Partie ne "
              "répond des engagements pris par une autre à l'égard des tiers, sauf stipulation "
              "expresse contraire.")
    ptag(doc, "if statut.solidaire")
    para(doc, "Ces stipulations s'entendent sans préjudice de la solidarité des membres du "
              "groupement à l'égard de l'acheteur prévue à l'article {{ articles.solidarite }}.")
    ptag(doc, "endif")
    ptag(doc, "if clauses.assurances")
    para(doc, "Chaque Partie déclare être titulaire d'une police d'assurance de responsabilité "
              "civile couvrant les activités qu'elle exerce dans le cadre du projet et les biens "
              "qu'elle met à disposition. Elle la maintient pendant toute la durée "
              "{{ acte.de_la }} et en justifie à la première demande d'une autre Partie par la "
              "production d'une attestation.")
    ptag(doc, "endif")
    _end(doc)


def _term(doc) -> None:
    _article(doc, "duree", "Durée, entrée en vigueur et renouvellement")
    para(doc, "{{ acte.La }} prend effet le {{ projet.date_debut_texte }}, sous réserve de sa "
              "signature par l'ensemble des Parties. {{ acte.Elle }} est conclu{{ acte.e }} pour "
              "une durée {{ projet.duree_de }}, soit jusqu'au {{ projet.date_fin_texte }}.")
    para(doc, "{{ clauses.renouvellement }}")
    ptag(doc, "if statut.personne_morale")
    para(doc, "En tout état de cause, le présent accord prend fin lorsque la structure commune "
              "acquiert la personnalité morale ; celle-ci reprend alors le projet dans les "
              "conditions fixées par ses statuts.")
    ptag(doc, "endif")
    ptag(doc, "if statut.gme")
    para(doc, "En tout état de cause, {{ acte.la }} reste en vigueur jusqu'à l'extinction des "
              "obligations des membres du groupement envers l'acheteur.")
    ptag(doc, "endif")
    _end(doc)

    _article(doc, "entree_retrait", "Entrée et retrait d'une Partie")
    ptag(doc, "if pilotage.conditions_entree")
    para(doc, [("Entrée. ", "Strong"), "Une nouvelle structure peut rejoindre le projet aux "
               "conditions suivantes :"])
    paragraphs_of(doc, "pilotage.conditions_entree")
    ptag(doc, "else")
    para(doc, [("Entrée. ", "Strong"), "Une nouvelle structure peut rejoindre le projet avec "
               "l'accord unanime des Parties."])
    ptag(doc, "endif")
    para(doc, "L'entrée d'une nouvelle Partie est formalisée par un avenant signé par l'ensemble "
              "des Parties.")
    para(doc, [("Retrait. ", "Strong"), "Toute Partie peut se retirer du projet par lettre "
               "recommandée avec accusé de réception adressée aux autres Parties, moyennant un "
               "préavis de {{ pilotage.preavis_retrait }}. Elle reste tenue des engagements "
               "souscrits avant la date d'effet de son retrait, notamment des contributions "
               "financières exigibles à cette date."])
    para(doc, "Le retrait d'une Partie n'affecte pas la validité {{ acte.de_la }} entre les "
              "autres Parties, tant qu'elles sont au moins deux. Les instances de gouvernance "
              "en tirent les conséquences sur le plan d'action et le budget.")
    ptag(doc, "if statut.gme")
    para(doc, "S'agissant d'un groupement momentané d'entreprises, le retrait d'un membre en "
              "cours d'exécution du marché suppose l'accord de l'acheteur et ne libère pas ce "
              "membre de ses obligations envers lui.")
    ptag(doc, "endif")
    _end(doc)

    _article(doc, "avenant", "Modification")
    para(doc, "Toute modification {{ acte.de_la }} fait l'objet d'un avenant écrit signé par "
              "l'ensemble des Parties. Les annexes peuvent être mises à jour par décision des "
              "instances de gouvernance, dès lors que ces mises à jour ne modifient ni l'objet "
              "{{ acte.de_la }}, ni les engagements financiers des Parties.")
    _end(doc)

    _article(doc, "resiliation", "Résiliation")
    para(doc, "En cas de manquement grave d'une Partie à ses obligations, les autres Parties "
              "peuvent, après une mise en demeure adressée par lettre recommandée avec accusé de "
              "réception et restée sans effet pendant {{ clauses.resiliation.mise_en_demeure }}, "
              "mettre fin à sa participation. {{ acte.La }} se poursuit alors entre les autres "
              "Parties, tant qu'elles sont au moins deux.")
    para(doc, "Les Parties peuvent aussi, d'un commun accord constaté par écrit, mettre fin "
              "{{ acte.a_la }} moyennant un préavis de {{ clauses.resiliation.preavis }}, sauf "
              "accord sur un délai différent.")
    para(doc, "En cas de résiliation, les Parties établissent ensemble un bilan des actions "
              "menées et des sommes engagées ; les contributions versées et non utilisées sont "
              "restituées au prorata, sauf décision contraire des financeurs concernés.")
    _end(doc)

    _article(doc, "force_majeure", "Force majeure")
    para(doc, "Aucune Partie n'est responsable d'un manquement causé par un cas de force majeure "
              "au sens de l'article 1218 du Code civil. La Partie empêchée en informe les autres "
              "sans délai ; l'exécution de ses obligations est suspendue pendant la durée de "
              "l'empêchement. Si celui-ci dure plus de trois mois, les Parties se concertent sur "
              "la poursuite du projet.")
    _end(doc)

    _article(doc, "litiges", "Règlement des différends")
    para(doc, "Les Parties s'efforcent de régler à l'amiable tout différend relatif à "
              "l'interprétation ou à l'exécution {{ acte.de_la }}.")
    ptag(doc, "if clauses.litiges.etapes")
    para(doc, "Elles suivent pour cela les étapes suivantes :")
    ptag(doc, "for etape in clauses.litiges.etapes")
    bullet(doc, "{{ etape }}")
    ptag(doc, "endfor")
    ptag(doc, "endif")
    ptag(doc, "if clauses.litiges.mediation_texte")
    para(doc, "{{ clauses.litiges.mediation_texte }}")
    ptag(doc, "endif")
    para(doc, "À défaut de règlement amiable, le différend est porté devant "
              "{{ clauses.litiges.juridiction }}.")
    _end(doc)

    _article(doc, "annexes", "Annexes")
    para(doc, "Sont annexés {{ acte.a_la }} les documents suivants, qui en font partie "
              "intégrante :")
    ptag(doc, "for annexe_doc in documents_annexes")
    bullet(doc, "{{ annexe_doc.puce }}")
    ptag(doc, "endfor")
    para(doc, "En cas de contradiction entre {{ acte.la }} et l'une de ses annexes, les "
              "stipulations {{ acte.de_la }} prévalent.")
    _end(doc)


def _signatures(doc) -> None:
    para(doc, "{{ fait_a }}", "Signature")
    para(doc, "", "Signature")
    signature_table(doc, "signatures_convention")


def build(folder: Path) -> Path:
    doc = new_document("{{ acte.en_tete }}", initials=True)
    _front(doc)
    _preamble(doc)
    _purpose(doc)
    _objectives(doc)
    _commitments(doc)
    _roles(doc)
    _governance(doc)
    _finance(doc)
    _clauses(doc)
    _term(doc)
    _signatures(doc)
    return save(doc, folder / FILE, title="Convention de partenariat")
