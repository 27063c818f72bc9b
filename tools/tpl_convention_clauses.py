"""Standard legal clauses of the convention de partenariat: communication, propriété
intellectuelle, confidentialité, données personnelles, responsabilités, then durée, entrée et
retrait, modification, résiliation, force majeure, différends and annexes.

Split out of ``tpl_convention`` (house rule: no module over ~450 lines). Each function appends
its articles, in document order, to the document ``tpl_convention.build`` is writing.
"""

from __future__ import annotations

from templatekit import Document, bullet, heading, loop_rows, para, ptag, table
from tpl_convention_articles import article, end_article

__all__ = ["clauses", "term"]


def clauses(doc: Document) -> None:
    article(doc, "communication", "Communication")
    ptag(doc, "if clauses.validation_conjointe")
    para(doc, "Toute communication externe relative au projet (supports, publications, "
              "relations avec la presse, réseaux sociaux) est validée conjointement par les "
              "Parties avant sa diffusion.")
    ptag(doc, "else")
    para(doc, "Chaque Partie peut communiquer sur le projet, en présentant fidèlement le rôle "
              "de chacune et en informant préalablement "
              "{{ autres.parties }}.")
    ptag(doc, "endif")
    para(doc, "Chaque Partie autorise {{ autres.pronom }} à utiliser son nom et son logo pour "
              "les seuls besoins de la communication sur le projet, pendant la durée "
              "{{ acte.de_la }}.{% if financeurs %} Les financeurs sont mentionnés sur les "
              "supports de communication selon leurs exigences.{% endif %}")
    end_article(doc)

    article(doc, "propriete_intellectuelle", "Propriété intellectuelle")
    ptag(doc, "for texte in clauses.propriete_intellectuelle.paragraphes")
    para(doc, "{{ texte }}")
    ptag(doc, "endfor")
    end_article(doc)

    article(doc, "confidentialite", "Confidentialité")
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
    # Structures that sit in the instances without being Parties hear the same information.
    ptag(doc, "if instances_ouvertes")
    para(doc, "Les Parties veillent à ce que les personnes qui assistent aux instances de "
              "gouvernance sans être Parties s'engagent par écrit, avant d'y siéger, à respecter "
              "la même confidentialité.")
    ptag(doc, "endif")
    end_article(doc)

    article(doc, "donnees_personnelles", "Protection des données personnelles")
    para(doc, "Pour les besoins du projet, les Parties peuvent être amenées à échanger des "
              "données à caractère personnel, notamment sur les personnes salariées en parcours "
              "d'insertion et les personnes accompagnées. Elles respectent le règlement (UE) "
              "2016/679 du 27 avril 2016 (RGPD) et la loi n° 78-17 du 6 janvier 1978 relative à "
              "l'informatique, aux fichiers et aux libertés.")
    para(doc, "Chaque Partie reste responsable des traitements qu'elle met en œuvre pour ses "
              "propres finalités. Les Parties ne se communiquent que les données strictement "
              "nécessaires au projet, informent les personnes concernées, assurent la sécurité "
              "et la confidentialité des données et ne les conservent que le temps nécessaire. "
              "Elles se signalent sans délai toute violation de données susceptible de "
              "concerner {{ autres.parties }}.")
    para(doc, "Lorsque {{ autres.plusieurs_parties }} déterminent ensemble les finalités et "
              "les moyens d'un traitement, elles en sont responsables conjointes et définissent "
              "par écrit leurs obligations respectives, conformément à l'article 26 du RGPD.")
    end_article(doc)

    ptag(doc, "if articles.responsabilites")
    heading(doc, "Article {{ articles.responsabilites }} – Responsabilités"
                 "{% if clauses.assurances %} et assurances{% endif %}", 1)
    para(doc, "Chaque Partie est seule responsable des dommages causés par ses propres "
              "activités, son personnel ou ses biens dans le cadre du projet. Aucune Partie ne "
              "répond des engagements pris par {{ autres.une }} à l'égard des tiers, sauf "
              "stipulation expresse contraire.")
    ptag(doc, "if statut.solidaire")
    para(doc, "Ces stipulations s'entendent sans préjudice de la solidarité des membres du "
              "groupement à l'égard de l'acheteur prévue à l'article {{ articles.solidarite }}.")
    ptag(doc, "endif")
    ptag(doc, "if clauses.assurances")
    para(doc, "Chaque Partie déclare être titulaire d'une police d'assurance de responsabilité "
              "civile couvrant les activités qu'elle exerce dans le cadre du projet et les biens "
              "qu'elle met à disposition. Elle la maintient pendant toute la durée "
              "{{ acte.de_la }} et en justifie à la première demande {{ autres.d_une_partie }} par "
              "la production d'une attestation.")
    ptag(doc, "endif")
    end_article(doc)

    article(doc, "correspondants", "Correspondants et notifications")
    para(doc, "Pour le suivi du projet, chaque Partie désigne le correspondant suivant, "
              "interlocuteur quotidien {{ autres.des_parties }} :")
    table(doc, ["Partie", "Correspondant", "Courriel", "Téléphone"],
          loop_rows("for c in correspondants", ["{{ c.partie }}", "{{ c.correspondant }}",
                                                 "{{ c.courriel }}", "{{ c.telephone }}"]),
          [2.9, 4.5, 5.8, 3.4])
    para(doc, "")
    para(doc, "Les notifications prévues par {{ acte.la }} sont faites par écrit, par lettre "
              "recommandée avec demande d'avis de réception adressée au siège de la Partie "
              "concernée, tel qu'il est indiqué en tête {{ acte.de_la }}. Chaque Partie informe "
              "{{ autres.pronom }} par écrit de tout changement de correspondant ou d'adresse.")
    end_article(doc)


def term(doc: Document) -> None:
    article(doc, "duree", "Durée, entrée en vigueur et renouvellement")
    # A groupement's convention outlives its term for the marché: the joint liability of its
    # members runs until their obligations to the buyer are extinguished (CCP R. 2142-20).
    para(doc, "{{ acte.La }} prend effet le {{ projet.date_debut_texte }}, sous réserve de sa "
              "signature par {{ autres.toutes }}. {{ acte.Elle }} est conclu{{ acte.e }} pour "
              "une durée {{ projet.duree_de }}, soit jusqu'au {{ projet.date_fin_texte }}."
              "{% if statut.gme %} Toutefois, en cas d'attribution du marché au groupement, "
              "{{ acte.elle }} reste en vigueur au-delà de ce terme, pour tout ce qui concerne "
              "le marché, jusqu'à ce que les obligations des membres du groupement envers "
              "l'acheteur soient éteintes, notamment jusqu'à "
              "{{ groupement.marche.fin_prestations }}, l'expiration des délais de garantie "
              "éventuels, le paiement du solde et le règlement de toute réclamation ou de tout "
              "litige relatif au marché."
              "{% endif %}")
    para(doc, "{{ clauses.renouvellement }}")
    ptag(doc, "if statut.personne_morale")
    para(doc, "En tout état de cause, le présent accord prend fin lorsque la structure commune "
              "acquiert la personnalité morale ; celle-ci reprend alors le projet dans les "
              "conditions fixées par ses statuts.")
    ptag(doc, "endif")
    ptag(doc, "if statut.gme")
    # Nothing binds the members if the buyer does not award them the marché; what each spent
    # on the answer stays where the convention put it. The mandate survives for a recourse
    # against the rejection only: the members decide in writing whether to bring one.
    para(doc, "{{ acte.La }} devient cadu{% if acte.e %}que{% else %}c{% endif %} de plein "
              "droit à la notification du rejet de la candidature ou de l'offre du "
              "groupement, ou de la décision de l'acheteur de déclarer la procédure sans "
              "suite ; le mandataire conserve toutefois, avec l'accord écrit des membres, le "
              "pouvoir d'exercer les recours contre cette décision. "
              "{{ groupement.frais_caducite }}")
    ptag(doc, "endif")
    end_article(doc)

    article(doc, "entree_retrait", "Entrée et retrait d'une Partie")
    ptag(doc, "if groupement.present")
    para(doc, [("Composition du groupement. ", "Strong"), "{{ groupement.composition }}"])
    ptag(doc, "endif")
    # The entry conditions: one paragraph runs on after the colon, lowered (« … aux conditions
    # suivantes : être une structure… »); a groupement's apply within its frozen composition.
    ptag(doc, "if pilotage.entree.phrase")
    para(doc, [("Entrée. ", "Strong"), "{{ pilotage.entree.phrase }}"])
    ptag(doc, "for condition in pilotage.entree.paragraphes")
    para(doc, "{{ condition }}")
    ptag(doc, "endfor")
    ptag(doc, "elif not groupement.present")
    para(doc, [("Entrée. ", "Strong"), "Une nouvelle structure peut rejoindre le projet avec "
               "{{ autres.accord_de_toutes }}."])
    ptag(doc, "endif")
    ptag(doc, "if not groupement.present")
    # The newcomer is bound only by its own signature (C. civ. art. 1199).
    para(doc, "L'entrée d'une nouvelle Partie est formalisée par un avenant signé par "
              "{{ autres.toutes }} et par la structure qui les rejoint.")
    ptag(doc, "endif")
    # A GME's members cannot leave while the composition is frozen: the general rule yields.
    para(doc, [("Retrait. ", "Strong"), "{% if groupement.present %}Sous réserve des "
               "stipulations propres au groupement ci-après, toute{% else %}Toute{% endif %} "
               "Partie peut se retirer du projet par lettre "
               "recommandée avec demande d'avis de réception adressée {{ autres.aux_parties }}, "
               "moyennant un préavis de {{ pilotage.preavis_retrait }}. Elle reste tenue des "
               "engagements souscrits avant la date d'effet de son retrait, notamment des "
               "contributions financières exigibles à cette date{% if achats.present %} et de sa "
               "part des commandes groupées passées avant cette date, même facturées "
               "après{% endif %}."])
    # Between two Parties, a withdrawal ends the contract: « the others, as long as there are
    # at least two » would promise what cannot happen.
    ptag(doc, "if nb_signataires > 2")
    para(doc, "Le retrait d'une Partie n'affecte pas la validité {{ acte.de_la }} entre les "
              "autres Parties, tant qu'elles sont au moins deux. Les instances de gouvernance "
              "en tirent les conséquences sur les actions et les moyens du projet.")
    ptag(doc, "else")
    para(doc, "Le retrait d'une Partie met fin {{ acte.a_la }} à la date où il prend effet.")
    ptag(doc, "endif")
    # A public person that granted a subsidy cannot take it back at will: the beneficiaries
    # spent in good faith on the strength of it.
    ptag(doc, "for s in subventions")
    para(doc, "Par exception, {{ s.financeur }}, qui attribue une subvention au titre de "
              "l'article {{ articles.subvention }}, ne peut se retirer qu'en cas de manquement "
              "d'une Partie bénéficiaire à ses obligations ou pour un motif d'intérêt général ; "
              "les sommes engagées de bonne foi par les Parties bénéficiaires avant la date "
              "d'effet de son retrait restent dues.")
    ptag(doc, "endfor")
    ptag(doc, "if statut.gme")
    para(doc, "S'agissant d'un groupement momentané d'entreprises, aucun membre ne peut se "
              "retirer entre la remise des offres et la signature du marché, hors les cas "
              "mentionnés ci-dessus ; en cours d'exécution du "
              "marché, le retrait d'un membre suppose l'accord de l'acheteur et ne libère pas "
              "ce membre de ses obligations envers lui.")
    ptag(doc, "endif")
    end_article(doc)

    article(doc, "avenant", "Modification")
    para(doc, "Toute modification {{ acte.de_la }} fait l'objet d'un avenant écrit signé par "
              "{{ autres.toutes }}.{% if annexes_mise_a_jour %} {{ annexes_mise_a_jour }}"
              "{% endif %}")
    end_article(doc)

    article(doc, "resiliation", "Résiliation")
    ptag(doc, "if nb_signataires > 2")
    # How the others decide is written: one of them alone cannot exclude a Party.
    para(doc, "En cas de manquement grave d'une Partie à ses obligations, les autres Parties "
              "peuvent, après une mise en demeure adressée par lettre recommandée avec demande "
              "d'avis de réception et restée sans effet pendant "
              "{{ clauses.resiliation.mise_en_demeure }}, "
              "mettre fin à sa participation par une décision unanime, qu'elles lui notifient "
              "par lettre recommandée avec demande d'avis de réception. {{ acte.La }} se "
              "poursuit alors entre les autres Parties, tant qu'elles sont au moins deux.")
    ptag(doc, "else")
    para(doc, "En cas de manquement grave d'une Partie à ses obligations, l'autre Partie peut, "
              "après une mise en demeure adressée par lettre recommandée avec demande "
              "d'avis de réception et restée sans effet pendant "
              "{{ clauses.resiliation.mise_en_demeure }}, "
              "mettre fin {{ acte.a_la }}.")
    ptag(doc, "endif")
    para(doc, "Les Parties peuvent aussi, d'un commun accord constaté par écrit, mettre fin "
              "{{ acte.a_la }} moyennant un préavis de {{ clauses.resiliation.preavis }}, sauf "
              "accord sur un délai différent.")
    # The groupement answers to the buyer until the marché ends (article « duree »): ending
    # the convention between members does not end what they owe the buyer.
    ptag(doc, "if statut.gme")
    para(doc, "S'agissant d'un groupement momentané d'entreprises, ni la résiliation ni la fin "
              "de la participation d'un membre ne libèrent les membres de leurs obligations "
              "envers l'acheteur ; en cours d'exécution du marché, elles supposent l'accord de "
              "celui-ci.")
    ptag(doc, "endif")
    # No contribution was paid when each Party pays its own expenses: nothing to return.
    ptag(doc, "if budget.present and not budget.sans_versement")
    # Only money a Party holds for others is returned; funders that are no Party may claim
    # theirs; the public person whose subsidy is unspent is named (juriste-C #18).
    para(doc, "En cas de résiliation, les Parties établissent ensemble un bilan des actions "
              "menées et des sommes engagées{% if budget.mise_en_commun %} ; les contributions "
              "versées et non utilisées sont restituées au prorata{% if financeurs_tiers %}, "
              "sauf décision contraire des financeurs concernés{% endif %}{% endif %}"
              "{% if subventions_reste %} ; {{ subventions_reste }}{% endif %}.")
    ptag(doc, "else")
    para(doc, "En cas de résiliation, les Parties établissent ensemble un bilan des actions "
              "menées et des dépenses engagées.")
    ptag(doc, "endif")
    # An order placed is owed though not yet invoiced: neither « exigible » nor settled by a
    # « bilan »; the Party that paid the supplier would bear it (juriste-D #6).
    ptag(doc, "if achats.present")
    para(doc, "Les commandes groupées passées avant la date d'effet de la résiliation restent "
              "dues par chaque Partie pour sa part.")
    ptag(doc, "endif")
    end_article(doc)

    article(doc, "force_majeure", "Force majeure")
    para(doc, "Aucune Partie n'est responsable d'un manquement causé par un cas de force majeure "
              "au sens de l'article 1218 du code civil. La Partie empêchée en informe "
              "{{ autres.pronom }} "
              "sans délai ; l'exécution de ses obligations est suspendue pendant la durée de "
              "l'empêchement. Si celui-ci dure plus de trois mois, les Parties se concertent sur "
              "la poursuite du projet.")
    end_article(doc)

    article(doc, "litiges", "Règlement des différends")
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
    end_article(doc)

    article(doc, "annexes", "Annexes")
    para(doc, "{{ annexes_annonce }}")
    ptag(doc, "for annexe_doc in documents_annexes")
    bullet(doc, "{{ annexe_doc.puce }}")
    ptag(doc, "endfor")
    para(doc, "{{ annexes_portee }}")
    para(doc, "En cas de contradiction entre {{ acte.la }} et l'une de ses annexes, les "
              "stipulations {{ acte.de_la }} prévalent.")
    end_article(doc)
