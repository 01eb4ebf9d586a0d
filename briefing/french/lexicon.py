"""French word lists the fact extractor leans on: titles, media, reporting verbs.

These are general knowledge of French news writing, not of any one article.
"""

from __future__ import annotations

from briefing.french import words

# Honorifics and titles of address, stripped from names (« M. Poutine » → Poutine):
# a person's titles of the one table, with and without their stop, and said in full.
HONORIFICS = frozenset(
    {
        *(form for short, (said, of_a_person) in words.TITLES.items() if of_a_person
          for form in ((f"{short}.",) if short in words.STOP_REQUIRED else (short, f"{short}.")) + (said,)),
        "Maitre", "Sir",
    }
)

# French news media and agencies. A news brief credits them as its sources, and
# the small model often mistakes them for places (« au Parisien ») or people.
# Names are as the medium writes itself; a leading article is part of the name.
MEDIA = (
    "AFP", "Agence France-Presse", "Reuters", "Associated Press", "TASS", "RIA Novosti",
    "Interfax", "Xinhua", "Bloomberg", "ANSA", "DPA", "EFE", "Belga",
    "Le Monde", "Le Figaro", "Libération", "Les Echos", "Les Échos", "La Croix", "L'Humanité",
    "Le Parisien", "Aujourd'hui en France", "Le JDD", "JDD", "Le Journal du dimanche",
    "L'Express", "Le Point", "L'Obs", "Le Nouvel Obs", "Marianne", "Valeurs actuelles",
    "Paris Match", "Le Canard enchaîné", "Mediapart", "Libé", "20 Minutes", "Le HuffPost",
    "HuffPost", "Konbini", "Brut", "Slate", "Rue89", "Challenges", "Capital", "L'Équipe",
    "L'Equipe", "Ouest-France", "Sud Ouest", "La Dépêche du Midi", "La Dépêche", "Midi Libre",
    "Le Progrès", "Le Dauphiné libéré", "Le Dauphiné", "La Voix du Nord", "Nice-Matin",
    "Var-Matin", "Corse-Matin", "La Provence", "Le Télégramme", "L'Est républicain",
    "Les Dernières Nouvelles d'Alsace", "DNA", "Le Républicain lorrain", "La Montagne",
    "Le Courrier picard", "Paris-Normandie", "La Nouvelle République", "Centre Presse",
    "Le Bien public", "L'Union", "Presse Océan", "Le Maine libre", "Actu.fr",
    "franceinfo", "France Info", "France Inter", "France Culture", "France Bleu",
    "France Télévisions", "France 2", "France 3", "France 5", "France 24", "Radio France",
    "RFI", "RTL", "RMC", "Europe 1", "BFMTV", "BFM TV", "BFMTV.com", "BFM Business",
    "LCI", "TF1", "M6", "CNews", "C8", "Arte", "TV5 Monde", "Franceinfo TV",
    "Le Temps", "La Tribune de Genève", "Le Soir", "La Libre Belgique", "RTBF", "RTS",
    "The New York Times", "New York Times", "The Washington Post", "Washington Post",
    "The Guardian", "BBC", "CNN", "Fox News", "The Wall Street Journal", "Wall Street Journal",
    "Financial Times", "The Times", "Der Spiegel", "Bild", "El País", "La Repubblica",
    "Corriere della Sera", "Al Jazeera", "Politico", "Axios",
)
# Media often named without their article (« au Parisien »): these bare names are
# safe to recognise as the medium anywhere (« Monde » or « Point » are not).
MEDIA_BARE = ("Parisien", "Figaro", "Dauphiné libéré", "Télégramme", "HuffPost")
# Regional or local editions named after the brand: « France Bleu Hérault ».
MEDIA_BRANDS_WITH_EDITIONS = ("France Bleu", "France 3", "Actu")

# Verbs that report speech or a source's claim (lemmas, as spaCy gives them).
SPEECH_VERBS = frozenset(
    """
    déclarer dire affirmer assurer estimer expliquer indiquer préciser ajouter souligner
    rappeler révéler raconter confier témoigner annoncer décrire dénoncer concéder regretter
    ironiser supposer réagir relater marteler insister demander répondre lancer poursuivre
    conclure reconnaître admettre avouer remémorer exclamer observer noter commenter confirmer
    prévenir avertir juger considérer résumer détailler écrire tweeter rapporter glisser
    souffler lâcher reprendre plaider rétorquer indigner féliciter réjouir déplorer fustiger
    alerter répéter clamer asséner argumenter avancer certifier jurer promettre menacer
    interroger questionner souvenir murmurer crier hurler répliquer objecter protester
    soutenir accuser espérer craindre redouter analyser signaler mentionner citer relayer
    nuancer tempérer trancher tonner tacler railler s'exclamer remarquer rajouter énerver
    agacer emporter insurger défendre justifier écrier souligner préconiser exhorter
    inviter réclamer exiger implorer supplier ordonner critiquer interroger saluer
    """.split()
)
# What a medium does with a story: « Le Parisien met en lumière », « Europe 1 revient sur ».
SOURCING_VERBS = SPEECH_VERBS | frozenset(
    """
    mettre revenir dévoiler publier chiffrer savoir procurer apprendre consacrer enquêter
    solliciter contacter joindre relayer évoquer accorder
    """.split()
)
# Words that credit a source just before it: « selon TASS », « d'après Le Monde ».
SOURCE_PREPOSITIONS = frozenset({"selon", "d'après", "d’après"})

# Nouns that say what kind of thing a proper name right after them names:
# « l'association Alliance Vita », « le géant Nestlé », « le missile Oreshnik ».
ORGANISATION_NOUNS = frozenset(
    """
    association groupe groupuscule société entreprise syndicat parti agence ong organisation
    fondation banque mouvement club firme marque constructeur géant quotidien journal
    hebdomadaire magazine chaîne radio station média collectif fédération confédération
    compagnie institut laboratoire université ministère tribunal mutuelle enseigne opérateur
    secte groupement office mission direction service brigade commission conseil comité
    autorité assemblée fabricant distributeur industriel équipe école lycée collège
    """.split()
)
PLACE_NOUNS = frozenset(
    """
    ville province région département commune quartier village arrondissement capitale pays
    île état république comté canton district oblast territoire métropole hôpital château
    aéroport gare stade musée palais place rue avenue boulevard pont port parc vallée mont
    massif lac fleuve rivière côte plage forêt désert
    """.split()
)
# Place nouns that are no part of the name: « la province de Koursk » is Koursk.
ADMINISTRATIVE_NOUNS = frozenset(
    "ville province région département commune quartier village arrondissement capitale canton district oblast".split()
)
THING_NOUNS = frozenset(
    """
    missile missiles avion avions navire navires voiture voitures véhicule modèle produit
    produits glace glaces cornet cornets yaourt yaourts logiciel application appli film série
    livre roman album chanson opération plan projet loi programme prix virus vaccin médicament
    téléphone smartphone fusée satellite drone char fusil arme armes colorant additif label
    logo slogan devise émission jeu
    """.split()
)
# People's roles (before or after a name) and relations (« son homologue X »).
ROLE_NOUNS = frozenset(
    """
    président présidente ministre député députée sénateur sénatrice maire gouverneur
    gouverneure préfet préfète juge procureur procureure avocat avocate magistrat magistrate
    directeur directrice dirigeant dirigeante chef cheffe patron patronne pdg fondateur
    fondatrice responsable porte-parole secrétaire conseiller conseillère adjoint adjointe
    agent agente cadre employé employée salarié salariée médecin infirmier infirmière
    chirurgien chirurgienne professeur professeure chercheur chercheuse scientifique expert
    experte économiste criminologue sociologue historien historienne politologue journaliste
    reporter correspondant correspondante écrivain écrivaine auteur autrice artiste acteur
    actrice chanteur chanteuse réalisateur réalisatrice footballeur footballeuse joueur
    joueuse entraîneur entraîneuse sélectionneur athlète champion championne policier
    policière gendarme colonel commandant capitaine soldat
    officier retraité retraitée étudiant étudiante lycéen lycéenne élève enseignant
    enseignante instituteur institutrice syndicaliste militant militante activiste leader
    candidat candidate élu élue opposant opposante ambassadeur ambassadrice diplomate
    commissaire inspecteur inspectrice enquêteur enquêtrice témoin victime suspect suspecte
    accusé accusée prévenu prévenue détenu détenue otage habitant habitante entrepreneur
    entrepreneuse commerçant commerçante agriculteur agricultrice éleveur éleveuse ouvrier
    ouvrière ingénieur ingénieure architecte pilote chauffeur conducteur conductrice roi
    reine prince princesse pape cardinal évêque imam rabbin pasteur prêtre abbé chancelier
    chancelière vice-président vice-présidente trésorier trésorière délégué déléguée
    rapporteur rapporteure coordinateur coordinatrice organisateur organisatrice humoriste
    créateur créatrice propriétaire actionnaire dirigeant commandant président-directeur
    ex-président ex-ministre ex-candidat ex-candidate
    trentenaire quadragénaire quinquagénaire sexagénaire septuagénaire octogénaire
    """.split()
)
RELATION_NOUNS = frozenset(
    """
    homologue prédécesseur successeur fils fille frère sœur soeur mère père épouse époux
    mari femme compagne compagnon conjoint conjointe cousin cousine oncle tante neveu nièce
    grand-père grand-mère ami amie voisin voisine collègue certain certaine
    """.split()
)
PERSON_NOUNS = ROLE_NOUNS | RELATION_NOUNS
# Other nouns for whoever may be quoted: « une source proche du dossier », « un
# membre de son entourage », « les secours », « la préfecture ».
SPEAKER_NOUNS = frozenset(
    """
    source proche membre représentant représentante entourage interlocuteur interlocutrice
    spécialiste analyste observateur observatrice riverain riveraine passant passante
    manifestant manifestante internaute usager usagère client cliente consommateur
    consommatrice voyageur voyageuse passager passagère spectateur spectatrice supporter
    patient patiente parent parents famille couple personne homme femme jeune garçon enfant
    adolescent adolescente écolier écolière collégien collégienne orateur oratrice
    défenseur avocats gouvernement exécutif présidence armée forces police gendarmerie
    préfecture mairie parquet défense secours pompiers autorités enquêteurs délégation
    organisme municipalité ville-hôte administration cabinet ministère élysée matignon
    hôpital chu clinique établissement gendarmes policiers sapeurs-pompiers
    concepteur conceptrice vendeur vendeuse sauveteur sauveteuse rescapé rescapée survivant
    survivante sinistré sinistrée fidèle fidèles mécène intervenant intervenante dame
    recteur rectrice doyen doyenne curé vicaire chanoine moine religieuse vice-ministre
    envoyé envoyée émissaire médiateur médiatrice négociateur négociatrice général amiral
    lieutenant sergent caporal adjudant brigadier gérant gérante animateur animatrice
    présentateur présentatrice chroniqueur chroniqueuse éditorialiste rédacteur rédactrice
    blogueur blogueuse youtubeur youtubeuse influenceur influenceuse photographe musicien
    musicienne comédien comédienne danseur danseuse mannequin styliste designer cuisinier
    cuisinière boulanger boulangère vigneron vigneronne viticulteur viticultrice producteur
    productrice apiculteur apicultrice pêcheur chasseur guide moniteur monitrice secouriste
    urgentiste pompier ambulancier ambulancière sage-femme pharmacien pharmacienne
    vétérinaire dentiste psychiatre psychologue neurologue cardiologue épidémiologiste
    virologue infectiologue pédiatre généticien généticienne biologiste climatologue
    météorologue prévisionniste sismologue volcanologue géologue astronome astrophysicien
    physicien physicienne chimiste mathématicien philosophe juriste notaire huissier greffier
    gardien gardienne surveillant surveillante proviseur proviseure principal principale
    maître maîtresse doctorant doctorante universitaire académicien eurodéputé eurodéputée
    parlementaire attaché attachée chargé chargée haut-commissaire bâtonnier romancier
    romancière poète anthropologue démographe géographe urbaniste technicien technicienne
    informaticien développeur développeuse gréviste chômeur chômeuse bénévole volontaire
    artisan restaurateur restauratrice hôtelier hôtelière paysan paysanne maraîcher
    routier cheminot steward hôtesse marin skipper navigateur navigatrice alpiniste
    randonneur cycliste coureur coureuse nageur nageuse sportif sportive coach arbitre
    tennisman boxeur rugbyman skieur skieuse mère père fils fille veuve veuf combattant
    combattante jihadiste djihadiste terroriste militaire assaillant assaillante agresseur
    """.split()
)
# Words that name a person who follows: « un trentenaire prénommé Ivory ».
PERSON_NAMERS = frozenset({"prénommé", "prénommée", "surnommé", "surnommée"})
# Words between a noun and the name it introduces: « groupuscule baptisé "les Barjols" ».
NAMING_WORDS = frozenset({"baptisé", "baptisée", "baptisés", "appelé", "appelée", "dénommé", "dénommée", "nommé", "nommée", "dit", "dite"})
# A name after these is another name for what comes before: « Philadelphie, aussi appelé Le Jardin ».
ALIAS_WORDS = frozenset({"alias", "appelé", "appelée", "surnommé", "surnommée", "dit", "dite"})
# « la famille Dupont de Ligonnès » names a family, not a person.
FAMILY_NOUNS = frozenset({"famille", "familles", "clan", "dynastie", "époux", "couple"})

# Where people post, often written just before their name: « a réclamé sur Twitter Joe Biden ».
PLATFORMS = frozenset({"Twitter", "Facebook", "Instagram", "YouTube", "Youtube", "TikTok", "LinkedIn", "Snapchat", "X"})

# Adjectives that make the name after them an organisation: « un délégué syndical Sud Rail ».
ORGANISATION_ADJECTIVES = frozenset({"syndical", "syndicale", "associatif", "associative"})

# Capitalised words that are no name of a person, place or organisation here.
NOT_NAMES = frozenset(
    {
        "État", "Etat", "États", "Etats", "République", "Nation",  # institutions in general
        "Dieu", "Allah", "Satan", "Lucifer", "Yahvé",  # divinities are not people in the news
        "Covid-19", "Covid", "coronavirus", "Coronavirus", "Sars-CoV-2", "Sida", "VIH", "Ebola",
    }
)
# Adjectives that end many organisation names: « Alliance Police nationale ».
NAME_ADJECTIVES = frozenset(
    """
    national nationale nationaux nationales international internationale européen européenne
    français française général générale fédéral fédérale public publique régional régionale
    municipal municipale populaire démocrate démocratique républicain républicaine socialiste
    uni unie unis unies libéral libérale
    """.split()
)

# First names whose bearer's gender the news takes as read: « Bruno … dit-elle » is
# not Bruno. Names given to both (Dominique, Camille, Claude) are left out.
MALE_FIRST_NAMES = frozenset(
    """
    Adrien Alain Alexandre Alexis Antoine Arnaud Arthur Aurélien Baptiste Benjamin Benoît
    Bernard Bertrand Bruno Cédric Charles Christian Christophe Clément Cyril Damien Daniel
    David Denis Didier Donald Édouard Edouard Emmanuel Éric Eric Étienne Fabien Fabrice
    Florian François Franck Frédéric Gabriel Gaël Gérald Gérard Gilles Grégory Guillaume
    Guy Henri Hervé Hugo Hugues Jacques Jean Jean-Claude Jean-François Jean-Luc Jean-Marc
    Jean-Marie Jean-Michel Jean-Paul Jean-Pierre Jérôme Joël Jordan Joseph Julien Karim
    Laurent Lionel Louis Luc Lucas Manuel Marc Marcel Martin Mathieu Matthieu Maxime Michel
    Mickaël Nicolas Noël Olivier Pascal Patrice Patrick Paul Philippe Pierre Rachid Raphaël
    Régis Rémi Renaud Richard Robert Roger Romain Sébastien Serge Stéphane Sylvain Thierry
    Thomas Valentin Vincent Vladimir Xavier Yann Yannick Yves Boris Joe Barack George
    Jair Recep Viktor Matteo Giuseppe Pedro Carlos Jorge Juan Mohamed Mohammed Ahmed Ali
    Omar Youssef Mehdi Bilal Kylian Zinedine Didier Olivier Léon Jules Victor Théo Nathan
    """.split()
)
FEMALE_FIRST_NAMES = frozenset(
    """
    Agnès Alice Aline Amélie Anne Anne-Marie Annie Audrey Aurélie Aurore Brigitte Carole
    Caroline Catherine Cécile Chantal Charlotte Christelle Christine Claire Clémence
    Corinne Delphine Élisabeth Elisabeth Élise Elise Émilie Emilie Emmanuelle Florence
    Françoise Frédérique Gabrielle Geneviève Hélène Isabelle Jacqueline Jeanne Joëlle
    Julie Juliette Karine Laetitia Laeticia Laura Laure Laurence Léa Lucie Madeleine
    Manon Marie Marie-France Marine Marion Marlène Martine Mathilde Michèle Monique Muriel
    Nadine Natacha Nathalie Nicole Odile Pascale Patricia Pauline Rachida Sabine Sandrine
    Sarah Ségolène Sophie Stéphanie Suzanne Sylvie Valérie Véronique Virginie Yvonne
    Angela Theresa Hillary Nancy Kamala Greta Ursula Christiane Najat Roselyne Rachel
    Najat Amélie Clara Chloé Inès Emma Jade Louise Alexandra Margaux Mélanie Nadia Fatima
    Leïla Samia Yasmina Viviane Simone Danielle Josiane Ginette Odette Marlène Elsa
    """.split()
)
