## Frame of the site
site-description = Emancip'Asso met en relation les associations qui veulent quitter les outils des géants du numérique avec des structures d'accompagnement de confiance.
skip-to-content = Aller au contenu
demo-banner = Site de démonstration : toutes les données affichées sont fictives.
nav-main-label = Sections du site
nav-account-label = Mon espace
nav-footer-label = Informations légales
nav-home = Accueil
nav-sign-in = Se connecter
nav-sign-up = Créer un compte
nav-sign-out = Se déconnecter
nav-account = Mon compte
nav-admin = Administration
lang-switch = English
lang-suggest = Cette page existe aussi en français.
footer-about = Emancip'Asso accompagne les associations vers des outils numériques libres, éthiques et respectueux de leurs données.
footer-legal = Mentions légales
footer-privacy = Confidentialité
footer-accessibility = Accessibilité : non conforme
footer-free-software = Logiciel libre sous licence AGPL. Aucun cookie ni traceur pour les visiteurs.
page-updated = Mis à jour le { $date }.

## Home page
home-title = Accueil
home-heading = Libérez votre association des géants du numérique
home-lead = Emancip'Asso met en relation les associations avec des structures de confiance — hébergeurs du collectif CHATONS, coopératives, prestataires du logiciel libre — qui les accompagnent pas à pas vers des outils éthiques.
home-cta-sign-up = Créer un compte gratuit
home-how-title = Comment ça marche ?
home-step1-title = 1. Faites le point
home-step1-text = Quels outils utilisez-vous aujourd'hui ? Qu'est-ce qui vous pèse ? Un premier diagnostic de vos usages vous aide à formuler votre besoin.
home-step2-title = 2. Trouvez qui vous accompagne
home-step2-text = Des structures recommandées par d'autres associations après un accompagnement réussi : installation, migration des données, formation des bénévoles.
home-step3-title = 3. Avancez ensemble
home-step3-text = Mutualisez les besoins et les coûts avec d'autres associations pour financer les logiciels libres dont vous avez besoin.
home-assos-title = Vous êtes une association
home-assos-text = Vous voulez quitter Google Drive, Gmail, WhatsApp ou Facebook, respecter le RGPD et rester fidèles à vos valeurs, sans y passer toutes vos soirées.
home-assos-item1 = trouvez une structure d'accompagnement proche de vous ou à distance ;
home-assos-item2 = recommandez celles qui vous ont bien aidé ;
home-assos-item3 = publiez vos besoins et cofinancez des logiciels libres.
home-structures-title = Vous accompagnez des associations
home-structures-text = Hébergeur éthique, coopérative, entreprise du libre ou indépendant·e : faites connaître vos services auprès des associations qui vous cherchent.
home-structures-item1 = présentez vos services et les logiciels que vous maîtrisez ;
home-structures-item2 = faites valoir les recommandations des associations accompagnées ;
home-structures-item3 = répondez aux besoins publiés par les associations.
home-about-title = Un projet associatif et libre
home-about-text = Emancip'Asso est un projet lancé par Framasoft et Animafac pour former des hébergeurs à l'accompagnement des associations et faciliter leur rencontre.
home-chatons-text = La plateforme est un logiciel libre : chaque membre du collectif CHATONS peut en faire fonctionner sa propre instance pour sa région ou son réseau.

## Roles
role-association = Association
role-structure = Structure d'accompagnement
role-moderator = Modération
role-admin = Administration

## Form fields
field-email = Adresse e-mail
field-display-name = Nom affiché
field-password = Mot de passe
field-new-password = Nouveau mot de passe
field-current-password = Mot de passe actuel
field-new-email = Nouvelle adresse e-mail
field-title-fr = Titre (français)
field-title-en = Titre (anglais)
field-body-fr = Texte en Markdown (français)
field-body-en = Texte en Markdown (anglais)
hint-display-name = Votre prénom, ou le nom de votre association ou de votre structure. Il est visible des autres membres.
hint-password = Au moins 10 caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.
error-prefix = Erreur :
error-summary-title = Le formulaire contient des erreurs
search-submit = Rechercher
pager-label = Pagination
pager-prev = Page précédente
pager-next = Page suivante

## Validation messages
err-email-required = Indiquez votre adresse e-mail.
err-email-invalid = Cette adresse e-mail n'est pas valide. Exemple : nom@exemple.fr
err-control-characters = Ce champ tient sur une ligne : retirez les retours à la ligne, tabulations et autres caractères invisibles.
err-email-same = C'est déjà votre adresse actuelle.
err-name-required = Indiquez le nom à afficher.
err-name-short = Le nom doit contenir au moins 2 caractères.
err-name-long = Le nom doit contenir au plus 60 caractères.
err-password-required = Indiquez votre mot de passe.
err-password-short = Le mot de passe doit contenir au moins 10 caractères.
err-password-long = Le mot de passe doit contenir au plus 128 caractères.
err-password-is-email = Le mot de passe ne doit pas être votre adresse e-mail.
err-password-wrong = Ce mot de passe n'est pas le bon.
err-sign-in-failed = Adresse e-mail ou mot de passe incorrect.
err-sign-in-unverified = Votre adresse e-mail n'est pas encore confirmée. Nous venons de vous renvoyer le lien de confirmation : ouvrez-le, puis connectez-vous.
err-delete-confirm = Cochez la case pour confirmer la suppression.
err-last-admin = Vous êtes la dernière personne administratrice : donnez ce rôle à quelqu'un d'autre avant de supprimer votre compte.
err-last-admin-role = Il doit rester au moins une personne administratrice.
admin-roles-revoke-hint = Retirer un rôle prend effet tout de suite et aucune action ne le redonne : seul un administrateur peut le rendre. Retirer le rôle « structure » retire aussi la personne de l'équipe de sa structure.
admin-team-of = Membre de l'équipe de { $structure }.
admin-team-remove = Retirer de cette équipe
admin-team-none = Ce compte ne fait partie d'aucune équipe de structure.
err-title-required = Indiquez un titre.
err-title-long = Le titre doit contenir au plus 120 caractères.
err-body-required = Le texte ne peut pas être vide.
err-body-long = Le texte doit contenir au plus 50 000 caractères.

## Accounts
sign-up-title = Créer un compte
sign-up-intro = Un compte vous permet de recommander une structure, de publier des besoins et de suivre les annonces. La recherche et la lecture ne demandent pas de compte.
sign-up-submit = Créer mon compte
sign-up-have-account = Déjà un compte ?
check-email-title = Vérifiez votre boîte mail
check-email-text = Si cette adresse peut être utilisée, vous allez recevoir un e-mail avec un lien pour confirmer votre adresse. Pensez à regarder dans les indésirables. Le lien est valable 3 jours.
sign-in-title = Se connecter
sign-in-submit = Me connecter
sign-in-forgot = Mot de passe oublié ?
sign-in-no-account = Pas encore de compte ?
forgot-title = Mot de passe oublié
forgot-intro = Indiquez l'adresse de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.
forgot-submit = Recevoir le lien
reset-title = Choisir un nouveau mot de passe
reset-submit = Enregistrer le mot de passe
link-invalid-title = Ce lien n'est plus valable
link-invalid-text = Ce lien a déjà servi ou a expiré. Pour votre sécurité, chaque lien ne fonctionne qu'une fois et pendant une durée limitée.
link-invalid-retry = Recommencer
verify-title = Confirmer votre adresse e-mail
verify-text = Un clic sur le bouton confirme votre adresse e-mail et active votre compte.
verify-button = Confirmer mon adresse
confirm-email-title = Confirmer votre nouvelle adresse
confirm-email-text = Enregistrer { $email } comme adresse e-mail de votre compte ? Les e-mails du site iront ensuite à cette adresse.
confirm-email-button = Enregistrer cette adresse
account-title = Mon compte
account-profile = Mon profil
account-roles = Rôles
account-no-role = Aucun rôle pour l'instant : l'équipe d'Emancip'Asso vous rattache à votre association ou à votre structure.
account-save-name = Enregistrer le nom
account-change-email = Changer d'adresse e-mail
account-change-email-intro = Nous enverrons un lien de confirmation à la nouvelle adresse. Le changement a lieu quand vous ouvrez ce lien.
account-change-email-submit = Envoyer le lien de confirmation
account-change-password = Changer de mot de passe
account-change-password-submit = Changer le mot de passe
account-data = Mes données
account-data-intro = Téléchargez tout ce que la plateforme conserve sur vous, dans un fichier JSON.
account-export = Télécharger mes données
account-sessions = Mes connexions
account-sessions-intro = Un appareil perdu, ou une session restée ouverte ailleurs ? Déconnectez-vous partout : il faudra vous reconnecter sur chaque appareil, celui-ci compris.
account-sign-out-everywhere = Me déconnecter partout
account-delete = Supprimer mon compte
account-delete-intro = La suppression est immédiate et définitive : votre compte, vos rôles et vos sessions sont effacés.
account-delete-confirm = Je comprends que mon compte sera supprimé définitivement.
account-delete-submit = Supprimer mon compte

## Flash messages
flash-signed-in = Vous êtes connecté·e.
flash-signed-out = Vous êtes déconnecté·e. À bientôt !
flash-signed-out-everywhere = Vous êtes déconnecté·e sur tous vos appareils.
flash-verified = Votre adresse e-mail est confirmée.
flash-reset-sent = Si un compte existe pour cette adresse, un e-mail avec un lien vient de lui être envoyé. Si vous avez fait plusieurs demandes, utilisez le lien le plus récent.
flash-password-reset = Votre mot de passe a été changé. Vous pouvez vous connecter.
flash-password-changed = Votre mot de passe a été changé. Vos autres appareils ont été déconnectés.
flash-name-changed = Votre nom affiché a été enregistré.
flash-email-link-sent = Un lien de confirmation vient d'être envoyé à la nouvelle adresse.
flash-email-changed = Votre nouvelle adresse e-mail est enregistrée.
flash-account-deleted = Votre compte a été supprimé. Merci d'être passé·e par Emancip'Asso.
flash-roles-saved = Les rôles ont été enregistrés.
flash-page-saved = La page a été enregistrée.

## Administration
admin-nav-label = Administration
admin-users-title = Comptes
admin-users-search = Chercher par adresse ou par nom
admin-users-none = Aucun compte ne correspond.
admin-created = Créé le
admin-unverified = adresse non confirmée
admin-save-roles = Enregistrer les rôles
admin-pages-title = Pages
admin-page-edit = Modifier la page
admin-markdown-hint = Le texte s'écrit en Markdown : # pour un titre, ** pour le gras, - pour une liste, [texte](https://adresse) pour un lien.
admin-save-page = Enregistrer la page

## Errors
error-back-home = Revenir à l'accueil
error-404-title = Page introuvable
error-404-text = Cette page n'existe pas ou a été déplacée. Vérifiez l'adresse, ou repartez de l'accueil.
error-403-title = Accès refusé
error-403-text = Votre compte n'a pas accès à cette page.
error-413-title = Envoi trop volumineux
error-413-text = Ce que vous avez envoyé dépasse la taille autorisée. Raccourcissez le texte ou choisissez un fichier plus léger, puis réessayez.
error-415-title = Format d'envoi non pris en charge
error-415-text = Ce formulaire n'accepte que les envois d'un navigateur (formulaire classique). Revenez en arrière, rechargez la page, puis envoyez-la de nouveau.
error-400-title = Demande incorrecte
error-400-text = Cette demande n'a pas pu être comprise. Revenez en arrière et réessayez.
error-429-title = Trop de tentatives
error-429-text = Vous avez fait beaucoup d'essais en peu de temps. Pour protéger les comptes, réessayez dans { $minutes } minute(s).
error-500-title = Une erreur est survenue
error-500-text = Le problème vient de chez nous et a été noté. Réessayez dans quelques instants.
error-csrf-title = Formulaire expiré
error-csrf-text = Ce formulaire a expiré ou ne vient pas de ce site. Revenez en arrière, rechargez la page, puis envoyez-le de nouveau.

## Emails
mail-signature = L'équipe d'Emancip'Asso
mail-verify-subject = Confirmez votre adresse e-mail
mail-verify-body =
    Bonjour { $name },

    Bienvenue sur Emancip'Asso ! Pour confirmer votre adresse e-mail, ouvrez ce lien :

    { $link }

    Ce lien est valable 3 jours. Si vous n'avez pas créé de compte, ignorez ce message.
mail-already-subject = Tentative d'inscription avec votre adresse
mail-already-body =
    Bonjour,

    Quelqu'un (vous, peut-être) a voulu créer un compte Emancip'Asso avec cette adresse, qui a déjà un compte.

    Si vous avez oublié votre mot de passe, choisissez-en un nouveau ici :

    { $link }

    Sinon, ignorez ce message : rien n'a changé.
mail-reset-subject = Choisir un nouveau mot de passe
mail-reset-body =
    Bonjour,

    Pour choisir un nouveau mot de passe pour votre compte Emancip'Asso, ouvrez ce lien :

    { $link }

    Ce lien est valable 1 heure et ne fonctionne qu'une fois. Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste le même.
mail-password-changed-subject = Votre mot de passe a été changé
mail-password-changed-body =
    Bonjour,

    Le mot de passe de votre compte Emancip'Asso vient d'être changé.

    Si ce n'est pas vous, choisissez tout de suite un nouveau mot de passe avec « Mot de passe oublié » sur la page de connexion.
mail-change-email-subject = Confirmez votre nouvelle adresse e-mail
mail-change-email-body =
    Bonjour,

    Pour utiliser cette adresse avec votre compte Emancip'Asso, ouvrez ce lien :

    { $link }

    Ce lien est valable 24 heures. Si vous n'avez rien demandé, ignorez ce message.
mail-email-taken-subject = Votre adresse e-mail a été proposée pour un autre compte
mail-email-taken-body =
    Bonjour,

    Quelqu'un a voulu rattacher cette adresse à un autre compte Emancip'Asso. Comme elle a déjà un compte, rien n'a été changé.

    Si c'était vous, connectez-vous avec cette adresse.
mail-email-changed-subject = Votre adresse e-mail a été changée
mail-email-changed-body =
    Bonjour,

    L'adresse de votre compte Emancip'Asso est désormais { $email }. Les prochains messages iront à cette adresse.

    Si ce n'est pas vous, répondez vite à l'équipe de la plateforme.
mail-account-deleted-subject = Votre compte a été supprimé
mail-account-deleted-body =
    Bonjour,

    Votre compte Emancip'Asso et les données qui y étaient liées ont été supprimés.

    Merci d'être passé·e par la plateforme.

## Directory
nav-directory = Annuaire
directory-title = Annuaire des structures d'accompagnement
directory-intro = Des hébergeurs éthiques, coopératives et prestataires du logiciel libre, recommandés par les associations qu'ils ont accompagnées.
directory-search-label = Que cherchez-vous ?
directory-search-hint = Un besoin, un logiciel, une ville, un code postal ou un département. Exemples : nextcloud, formation des bénévoles, 35000.
directory-filters = Affiner
directory-facet-service = Services
directory-facet-software = Logiciels
directory-facet-region = Régions
directory-facet-departement = Départements
directory-facet-form = Forme juridique
directory-facet-other = Autres critères
directory-filter-active = filtre actif, cliquer pour le retirer
directory-see-all = Voir les { $count } choix
directory-count = { $count ->
    [0] Aucune structure
    [one] { $count } structure
   *[other] { $count } structures
}
directory-near = qui interviennent à { $place }
directory-place-postcode = { $code } ({ $departements })
directory-active-filters = Filtres actifs
directory-remove-filter = retirer ce filtre
directory-clear = Effacer la recherche et les filtres
directory-sort = Trier par
directory-sort-submit = Trier
directory-sort-relevance = pertinence
directory-sort-recommendations = nombre de recommandations
directory-sort-name = nom
directory-empty = Aucune structure ne correspond à cette recherche. Essayez avec moins de filtres ou un autre mot.
directory-recommendations = { $count ->
    [0] Aucune recommandation
    [one] { $count } recommandation
   *[other] { $count } recommandations
}
directory-chatons-member = Membre du collectif CHATONS
directory-chatons-page = Sa fiche sur chatons.org
directory-remote = À distance
directory-national = Toute la France
directory-back = ← Retour à l'annuaire
directory-about = Présentation
directory-recos-title = Ce qu'en disent les associations accompagnées
directory-recos-none = Pas encore de recommandation publiée.
directory-facts = En bref
directory-website = Site web
directory-location = Adresse
directory-area = Intervient
directory-services = Services
directory-software = Logiciels
directory-audiences = Publics
directory-pricing = Tarifs
directory-languages = Langues
directory-confirmed = Fiche confirmée par l'équipe le
directory-contact-title = Écrire à { $name }
directory-contact-intro = Votre message est transmis par e-mail à la structure, qui vous répondra directement. Son adresse n'est pas affichée ; une copie de votre message s'affiche une fois envoyé.
directory-contact-submit = Envoyer le message
directory-report-title = Une information est obsolète ?
directory-report-submit = Signaler
field-contact-name = Votre nom ou celui de votre association
field-contact-message = Votre message
field-honeypot = Ne remplissez pas ce champ
field-report-message = Qu'est-ce qui n'est plus à jour ? (facultatif)
field-report-email = Votre adresse e-mail, si vous acceptez d'être recontacté·e (facultatif)
hint-contact-email = Pour que la structure puisse vous répondre.
err-contact-name = Indiquez votre nom ou celui de votre association.
err-contact-name-long = Le nom doit contenir au plus 100 caractères.
err-contact-message-short = Décrivez votre besoin en quelques phrases (au moins 20 caractères).
err-contact-message-long = Le message doit contenir au plus 5 000 caractères.
err-contact-too-fast = Votre message est parti un peu trop vite. Relisez-le, puis envoyez-le de nouveau.
err-relay-structure = Cette structure a reçu beaucoup de messages dans l'heure. Réessayez un peu plus tard : votre texte est conservé ci-dessous.
err-relay-address = Cette adresse a déjà reçu plusieurs messages de notre part aujourd'hui. Réessayez demain.
err-relay-site = Le site envoie beaucoup de messages en ce moment. Réessayez dans une heure : votre texte est conservé ci-dessous.
err-report-long = Le signalement doit contenir au plus 2 000 caractères.
flash-contact-sent = Votre message a été envoyé.
directory-contact-sent-title = Votre message est envoyé
directory-contact-sent-text = { $structure } a reçu votre message et vous répondra directement. Gardez cette page si vous voulez en conserver une copie : nous ne l'envoyons pas par e-mail.
directory-contact-copy = Copie de votre message
flash-report-sent = Merci ! L'équipe de modération va vérifier cette fiche.
pager-position = Page { $page }
language-fr = français
language-en = anglais
language-br = breton
language-oc = occitan
language-eu = basque
language-co = corse
language-de = allemand
language-ar = arabe
language-es = espagnol
language-it = italien
mail-contact-subject = Nouvelle demande de contact : { $name }
mail-contact-body =
    Bonjour,

    { $name } ({ $email }) vous écrit depuis votre fiche sur l'annuaire Emancip'Asso :

    { $message }

    Répondez directement à { $email }.
mail-contact-attached-subject = Nouvelle demande de contact : { $name }
mail-contact-attached-body =
    Bonjour,

    { $name } ({ $email }) vous écrit depuis votre fiche sur l'annuaire Emancip'Asso :

    { $message }

    { $attachment }

    Répondez directement à { $email }.
mail-contact-copy-subject = Copie de votre message à { $structure }
mail-contact-copy-body =
    Bonjour { $name },

    Voici la copie du message que vous avez envoyé à { $structure } :

    { $message }

    La structure vous répondra directement à cette adresse.
directory-to-filters = Affiner par service, logiciel, région…
directory-map-title = Carte des départements : nombre de structures qui y interviennent
directory-map-department = { $name } : { $count ->
    [0] aucune structure
    [one] { $count } structure
   *[other] { $count } structures
}
directory-map-fallback = Choisir une région dans la liste
directory-map-caption = Plus la couleur est foncée, plus il y a de structures. Choisissez un département pour filtrer.
directory-map-credit = Fond de carte : svg-maps (CC BY 4.0).
directory-embed-more = Voir tout l'annuaire sur { $site }
directory-confirmed-title = Merci, votre fiche est confirmée
directory-confirmed-text = La fiche de { $name } reste dans l'annuaire. Nous vous redemanderons de la vérifier dans quelques mois.
directory-confirmed-see = Voir la fiche
directory-confirm-title = Confirmer la fiche
directory-confirm-text = La fiche de { $name } est-elle toujours juste ? Si oui, confirmez-la : elle reste dans l'annuaire.
directory-confirm-submit = Confirmer que la fiche est à jour
directory-confirm-expired = Ce lien de confirmation a expiré (il est valable { $days } jours). Connectez-vous à l'espace de votre structure et enregistrez la fiche : cela la confirme aussi.
mail-confirm-profile-subject = Votre fiche { $structure } est-elle toujours à jour ?
mail-confirm-profile-body =
    Bonjour,

    Les associations font confiance à l'annuaire Emancip'Asso parce que ses fiches sont tenues à jour. Pouvez-vous vérifier celle de { $structure } ?

    Si elle est toujours juste, ouvrez ce lien et confirmez-la d'un clic :

    { $link }

    Ce lien est valable { $days } jours ; ensuite, enregistrer la fiche dans l'espace de votre structure la confirme aussi.

    Sans confirmation, la fiche quittera l'annuaire public { $months } mois après la dernière vérification, jusqu'à ce que quelqu'un de votre équipe la confirme.
mail-profile-unlisted-subject = Votre fiche { $structure } n'est plus visible dans l'annuaire
mail-profile-unlisted-body =
    Bonjour,

    La fiche de { $structure } n'a pas été confirmée depuis longtemps : elle n'apparaît plus dans l'annuaire public.

    Si elle est toujours juste, ouvrez ce lien et confirmez-la d'un clic pour qu'elle revienne aussitôt :

    { $link }

    Ce lien est valable { $days } jours ; ensuite, enregistrer la fiche dans l'espace de votre structure la confirme aussi.
workspace-title = Ma structure
workspace-intro = Vous accompagnez des associations ? Présentez votre structure. Elle apparaîtra dans l'annuaire une fois validée par la modération et recommandée par une association que vous avez accompagnée.
workspace-listed = Votre fiche est visible dans l'annuaire.
workspace-see-profile = Voir la fiche publique
workspace-not-listed = Votre fiche n'est pas encore visible dans l'annuaire. Ce qu'il reste à faire :
workspace-done = fait
workspace-todo = à faire
workspace-check-profile = Présenter la structure
workspace-check-submitted = Soumettre la fiche à la modération
workspace-check-approved = Fiche validée par la modération
workspace-check-recommendations = Au moins { $count } recommandation(s) publiée(s) d'associations accompagnées ({ $have } pour l'instant)
workspace-submit = Soumettre ma fiche à la modération
workspace-identity = Qui êtes-vous ?
workspace-where = Où intervenez-vous ?
workspace-what = Que proposez-vous ?
workspace-communes = Communes de ce code postal :
workspace-save = Enregistrer la fiche
workspace-create = Créer la fiche de ma structure
workspace-logo = Logo
workspace-logo-current = Logo actuel
workspace-logo-submit = Envoyer le logo
workspace-team = Équipe
workspace-invite = Inviter par e-mail
workspace-invite-after-submit = Vous pourrez inviter des collègues une fois la fiche soumise à la modération.
hint-invite-email = La personne devra se connecter avec un compte à cette adresse pour rejoindre l'équipe.
workspace-team-leave = Quitter l'équipe
workspace-team-remove = Retirer { $name }
err-team-last-member = Vous êtes la dernière personne de l'équipe : invitez quelqu'un avant de partir, ou écrivez à l'équipe du site.
err-invite-not-submitted = Soumettez d'abord la fiche à la modération : vous pourrez ensuite inviter des collègues.
err-structure-role-revoked = Un administrateur vous a retiré le rôle « structure ». Pour le retrouver, écrivez à l'équipe du site.
choose = — Choisir —
field-structure-name = Nom de la structure
field-pitch = Présentation en une phrase
hint-pitch = Entre 10 et 160 caractères : ce que vous faites, pour qui.
field-description = Description (Markdown)
field-legal-form = Forme juridique
field-chatons-member = Membre du collectif CHATONS
field-chatons-url = Adresse de votre fiche sur chatons.org
field-website = Site web
field-contact-email = Adresse de contact
hint-contact-email-private = Les messages de l'annuaire vous sont transmis à cette adresse ; elle n'est jamais affichée.
field-postcode = Code postal
field-commune = Commune
hint-commune = Utile quand plusieurs communes partagent ce code postal.
field-national = Nous intervenons dans toute la France
field-remote = Nous intervenons à distance
field-regions = Régions où vous intervenez
field-departements = Départements où vous intervenez
hint-departements = Codes séparés par des virgules, par exemple : 35, 22, 2A, 974.
field-services = Services proposés
field-software = Logiciels libres que vous maîtrisez
field-audiences = Publics
field-pricing = Tarification
field-price-info = Tarifs indicatifs
field-languages = Langues de travail
field-logo = Image du logo
hint-logo = PNG, JPEG ou WebP, 2 Mo au plus. Elle sera redimensionnée et ses métadonnées retirées.
field-invite-email = Adresse e-mail d'un ou d'une collègue
err-structure-name = Indiquez le nom de la structure (2 caractères au moins).
err-structure-name-long = Le nom doit contenir au plus 120 caractères.
err-pitch-short = Présentez la structure en une phrase (10 caractères au moins).
err-pitch-long = La présentation doit contenir au plus 160 caractères.
err-description-long = La description doit contenir au plus 20 000 caractères.
err-legal-form-required = Choisissez la forme juridique.
err-choice-invalid = Ce choix n'existe pas : choisissez dans la liste.
err-url-required = Indiquez une adresse web.
err-url-invalid = Cette adresse web n'est pas valide. Exemple : https://exemple.fr
err-postcode-required = Indiquez le code postal.
err-postcode-unknown = Ce code postal n'existe pas. Vérifiez les 5 chiffres.
err-commune-choose = Plusieurs communes ont ce code postal : indiquez laquelle.
err-departement-unknown = Un des codes de département n'existe pas. Exemples : 35, 2A, 974.
err-services-required = Choisissez au moins un service.
err-price-info-long = Les tarifs doivent tenir en 2 000 caractères.
err-logo-required = Choisissez une image.
err-logo-too-big = Cette image dépasse 2 Mo. Choisissez une image plus légère.
err-logo-type = Ce fichier n'est pas une image PNG, JPEG ou WebP.
err-logo-unreadable = Cette image n'a pas pu être lue. Essayez de l'enregistrer de nouveau en PNG.
flash-structure-created = La fiche de votre structure est créée. Soumettez-la à la modération quand elle est prête.
flash-structure-saved = La fiche est enregistrée.
flash-structure-saved-review = La fiche est enregistrée. Les modifications du nom, de la présentation, de la description, du site web, de l'adresse de contact, de l'adhésion aux CHATONS ou des tarifs seront relues par l'équipe de modération.
flash-structure-submitted = Votre fiche est transmise à la modération.
flash-logo-saved = Le logo est enregistré.
flash-logo-saved-review = Le logo est enregistré. Il sera vu par l'équipe de modération, qui peut remettre le précédent.
flash-invite-sent = L'invitation est envoyée.
flash-team-joined = Vous faites maintenant partie de l'équipe.
flash-team-left = Vous avez quitté l'équipe.
flash-team-member-removed = La personne a été retirée de l'équipe et prévenue par e-mail.
join-title = Rejoindre une équipe
join-text = Vous êtes invité·e à rejoindre l'équipe de { $structure } sur Emancip'Asso.
join-submit = Rejoindre l'équipe
join-already = Vous faites déjà partie de l'équipe d'une structure.
join-other-address = Cette invitation a été envoyée à une autre adresse que celle de votre compte, ou votre adresse n'est pas encore confirmée. Connectez-vous avec le compte de l'adresse invitée, ou demandez une invitation à l'adresse de votre compte.
join-my-account = Mon compte
account-structure = Ma structure
account-structure-intro = Vous accompagnez des associations ? Présentez votre structure dans l'annuaire.
mail-team-invite-subject = Rejoignez l'équipe de { $structure } sur Emancip'Asso
mail-team-invite-body =
    Bonjour,

    { $name } vous invite à rejoindre l'équipe de { $structure } sur Emancip'Asso, pour tenir à jour sa fiche dans l'annuaire.

    Connectez-vous (ou créez un compte) avec cette adresse, { $email }, puis ouvrez ce lien :

    { $link }

    Ce lien est valable 14 jours, pour le compte de cette adresse seulement.
mail-team-removed-subject = Vous ne faites plus partie de l'équipe de { $structure }
mail-team-removed-body =
    Bonjour,

    Vous avez été retiré·e de l'équipe de { $structure } sur Emancip'Asso : vous n'avez plus accès à l'espace de la structure.

    S'il s'agit d'une erreur, écrivez à l'équipe de la structure ou du site.
home-search-label = Trouver une structure qui vous accompagne
home-search-hint = { $count ->
    [0] Un besoin, un logiciel, une ville ou un code postal.
    [one] { $count } structure recommandée. Un besoin, un logiciel, une ville ou un code postal.
   *[other] { $count } structures recommandées. Un besoin, un logiciel, une ville ou un code postal.
}
home-assos-cta = Parcourir l'annuaire
home-structures-cta = Présenter ma structure
admin-taxonomies-title = Listes de choix
admin-taxonomies-intro = Les services, logiciels, publics, formes juridiques et tarifications proposés aux structures. Un libellé modifié s'affiche aussitôt sur toutes les fiches.
admin-term-add = Ajouter un choix
admin-term-kind = Liste
admin-term-add-submit = Ajouter
admin-term-save = Enregistrer
admin-term-used = { $count ->
    [0] inutilisé
    [one] { $count } fiche
   *[other] { $count } fiches
}
term-kind-service = Services
term-kind-software = Logiciels
term-kind-audience = Publics
term-kind-legal_form = Formes juridiques
term-kind-pricing = Tarifications
field-label-fr = Libellé en français
field-label-en = Libellé en anglais
err-label-short = Le libellé doit contenir au moins 2 caractères.
err-label-long = Le libellé doit contenir au plus 80 caractères.
err-term-taken = Ce choix existe déjà dans cette liste.
flash-term-saved = La liste de choix est enregistrée.

## Vetting and moderation
nav-moderation = Modération
vetting-declare-title = Déclarer un accompagnement
vetting-declare-intro = Indiquez l'association accompagnée et ce que vous avez fait. Sa personne de contact recevra un lien, valable { $days } jours, pour confirmer et écrire une recommandation. Les recommandations publiées font apparaître votre structure dans l'annuaire.
vetting-declare-submit = Envoyer la demande de recommandation
vetting-declared = Accompagnements déclarés
accompaniment-status-sent = lien envoyé, en attente de réponse
accompaniment-status-confirmed = confirmé par l'association
accompaniment-status-declined = l'association dit qu'il n'a pas eu lieu
field-association-name = Nom de l'association
field-association-email = Adresse e-mail de la personne de contact dans l'association
hint-association-email = Une adresse de l'association, pas de votre équipe : c'est elle qui confirmera.
field-summary = Ce qui a été fait
field-period-start = Début (mois)
field-period-end = Fin (mois)
hint-month = Par exemple 2025-03.
field-outcome = Résultat (facultatif)
field-recommendation = Votre recommandation
field-reason = Motif (obligatoire pour refuser)
vetting-answer-title = Recommander une structure
vetting-answer-heading = Votre accompagnement par { $structure }
vetting-answer-intro = { $structure } dit vous avoir accompagné·e. Si c'est exact, votre recommandation aidera d'autres associations à lui faire confiance.
vetting-project = Le projet
vetting-period = Période
vetting-recommend-title = Votre recommandation
vetting-recommend-submit = Envoyer ma recommandation
vetting-decline-intro = Ce projet n'a pas eu lieu, ou pas avec votre association ?
vetting-decline-submit = Cet accompagnement n'a pas eu lieu
vetting-own-heading = Recommander { $structure }
vetting-own-intro = Votre structure d'accompagnement vous a bien aidé ? Dites-le : la recommandation sera publiée après vérification par l'équipe de modération.
vetting-own-title = Recommandation impossible
vetting-link-title = Ce lien n'est plus valable
vetting-link-unknown = Ce lien est inconnu. Vérifiez qu'il a été copié en entier depuis l'e-mail.
vetting-link-used = Ce lien a déjà servi : chaque lien ne fonctionne qu'une fois.
vetting-link-expired = Ce lien a expiré. Demandez à la structure de vous en envoyer un nouveau.
vetting-thanks-title = Merci pour votre recommandation
vetting-thanks-text = Elle sera publiée après vérification par l'équipe de modération. Vous avez reçu un e-mail avec un lien pour la retirer si vous changez d'avis.
vetting-declined-title = C'est noté
vetting-declined-text = Merci de nous l'avoir dit. La structure en est informée et aucune recommandation ne sera publiée.
vetting-withdraw-title = Retirer ma recommandation
vetting-withdraw-text = Voulez-vous retirer votre recommandation de { $structure } ? Elle ne sera plus publiée.
vetting-withdraw-submit = Retirer ma recommandation
vetting-withdraw-gone = Cette recommandation a déjà été retirée ou n'existe pas.
vetting-withdrawn-title = Recommandation retirée
vetting-withdrawn-text = Votre recommandation n'est plus publiée.
directory-recommend = Recommander cette structure
criterion-listening = Écoute de vos besoins
criterion-clarity = Clarté des explications
criterion-autonomy = Autonomie acquise
criterion-would-recommend = La recommanderiez-vous à une autre association ?
criterion-yes = oui
criterion-partly = en partie
criterion-no = non
criterion-none = non renseigné
err-association-name = Indiquez le nom de l'association (2 caractères au moins).
err-association-name-long = Le nom doit contenir au plus 120 caractères.
err-summary-short = Décrivez ce qui a été fait en quelques phrases (20 caractères au moins).
err-summary-long = La description doit contenir au plus 3 000 caractères.
err-month-required = Indiquez le mois.
err-month-invalid = Écrivez le mois sous la forme 2025-03.
err-period-order = La fin doit venir après le début.
err-period-future = Cet accompagnement n'a pas encore commencé.
err-outcome-long = Le résultat doit contenir au plus 3 000 caractères.
err-contact-is-team = Cette adresse est celle de votre équipe : indiquez celle de l'association accompagnée.
err-declare-not-submitted = Soumettez d'abord la fiche de votre structure à la modération : vous pourrez ensuite demander des recommandations.
err-declare-monthly-cap = Votre structure a envoyé beaucoup de demandes de recommandation ces 30 derniers jours. Réessayez plus tard.
err-recommendation-short = Racontez en quelques phrases ce que la structure a fait pour vous (30 caractères au moins).
err-recommendation-long = La recommandation doit contenir au plus 3 000 caractères.
err-criterion-required = Choisissez une réponse.
err-too-many-recommendations = Cette adresse a déjà écrit beaucoup de recommandations ce mois-ci. Réessayez le mois prochain.
err-own-structure = Vous faites partie de l'équipe de cette structure : vous ne pouvez pas la recommander vous-même.
err-association-only = Seuls les comptes rattachés à une association peuvent recommander une structure.
err-decision-invalid = Cette décision n'existe pas.
err-reason-required = Indiquez le motif du refus : la personne concernée le recevra.
err-reason-long = Le motif doit contenir au plus 1 000 caractères.
err-already-decided = Cet élément a déjà été traité par une autre personne de l'équipe de modération.
err-decision-stale = Cet élément a changé depuis que vous avez ouvert la file : relisez-le ci-dessous avant de décider.
flash-accompaniment-sent = La demande de recommandation est envoyée à l'association.
flash-recommendation-sent = Merci ! Votre recommandation sera publiée après vérification.
flash-decision-saved = La décision est enregistrée et les personnes concernées sont prévenues.
moderation-title = Modération
moderation-sections = Files d'attente
moderation-structures = Structures à valider ({ $count })
moderation-recommendations = Recommandations à vérifier ({ $count })
moderation-reports = Signalements ({ $count })
moderation-empty = Rien en attente.
moderation-approve = Valider
moderation-publish = Publier
moderation-reject = Refuser
moderation-handled = Traité
moderation-dismiss = Classer sans suite
moderation-anonymous = signalement anonyme
moderation-change-before = Validé :
moderation-change-after = Maintenant :
moderation-change-empty = (vide)
moderation-change-yes = oui
moderation-change-no = non
moderation-changes-publish = Publier les modifications
moderation-changes-refuse = Refuser les modifications
moderation-changes-accept = Accepter les modifications
moderation-changes-revert = Rétablir la version validée
moderation-structure-changes = { $count ->
    [0] Fiches modifiées depuis leur validation
   *[other] Fiches modifiées depuis leur validation ({ $count })
}
moderation-structure-changes-live = Modifiée depuis sa validation, en ligne
flag-same-domain = adresse du même domaine que la structure
flag-same-author = plusieurs recommandations de cette adresse
flag-short = texte très court
flag-no-accompaniment = sans accompagnement déclaré
flag-free-mail = adresse de contact chez un fournisseur de messagerie gratuit
flag-from-team = réponse depuis l'adresse réseau, la session ou l'adresse e-mail d'un membre de l'équipe
flag-new-address = adresse de contact jamais vue sur la plateforme
flag-burst = nombreuses déclarations de cette structure en peu de temps
report-reason-outdated = Fiche obsolète
report-reason-abuse = Contenu abusif
report-target-structure = fiche de structure
report-target-recommendation = recommandation
admin-journal-title = Journal des décisions
admin-journal-intro = Chaque décision de modération et d'administration, avec son auteur·ice, sa date et son motif. Ce journal ne peut pas être modifié.
admin-journal-empty = Aucune décision pour l'instant.
admin-journal-when = Date
admin-journal-who = Par
admin-journal-what = Action
admin-journal-target = Élément
admin-journal-why = Motif
mail-accompaniment-subject = { $structure } vous demande une recommandation
mail-accompaniment-body =
    Bonjour,

    { $structure } indique avoir accompagné { $association } :

    « { $summary } »

    Si c'est exact, vous pouvez le confirmer et écrire une courte recommandation. Elle aidera d'autres associations à trouver une structure de confiance :

    { $link }

    Ce lien est valable { $days } jours et ne fonctionne qu'une fois. Si cet accompagnement n'a pas eu lieu, vous pouvez le dire depuis la même page.
mail-accompaniment-declined-subject = Accompagnement non confirmé par { $association }
mail-accompaniment-declined-body =
    Bonjour,

    { $association } indique que l'accompagnement que vous avez déclaré n'a pas eu lieu. Aucune recommandation ne sera publiée.
mail-recommendation-received-subject = Votre recommandation de { $structure }
mail-recommendation-received-body =
    Bonjour,

    Merci pour votre recommandation de { $structure }. Elle sera publiée après vérification par l'équipe de modération.

    Si vous changez d'avis, vous pouvez la retirer à tout moment avec ce lien :

    { $link }
mail-recommendation-published-subject = Votre recommandation de { $structure } est publiée
mail-recommendation-published-body =
    Bonjour,

    Votre recommandation de { $structure } est maintenant visible dans l'annuaire. Merci !
mail-recommendation-rejected-subject = Votre recommandation de { $structure } n'a pas été publiée
mail-recommendation-rejected-body =
    Bonjour,

    L'équipe de modération n'a pas publié votre recommandation de { $structure }, pour ce motif :

    { $reason }
mail-recommendation-new-subject = Nouvelle recommandation publiée pour { $structure }
mail-recommendation-new-body =
    Bonjour,

    { $association } a recommandé { $structure } et la recommandation est maintenant publiée dans l'annuaire.
mail-structure-approved-subject = La fiche de { $structure } est validée
mail-structure-approved-body =
    Bonjour,

    L'équipe de modération a validé la fiche de { $structure }. Elle apparaîtra dans l'annuaire dès qu'une association accompagnée vous aura recommandé : déclarez vos accompagnements depuis votre espace.
mail-structure-rejected-subject = La fiche de { $structure } n'a pas été validée
mail-structure-rejected-body =
    Bonjour,

    L'équipe de modération n'a pas validé la fiche de { $structure }, pour ce motif :

    { $reason }

    Vous pouvez la corriger depuis votre espace et la soumettre de nouveau.
mail-structure-changes-reverted-subject = Les modifications de la fiche de { $structure } sont annulées
mail-structure-changes-reverted-body =
    Bonjour,

    L'équipe de modération a rétabli la version validée de la fiche de { $structure } (nom, présentation, description, site web, adresse de contact ou adhésion aux CHATONS), pour ce motif :

    { $reason }

    Vous pouvez modifier la fiche à nouveau depuis votre espace ; les modifications de ces informations sont relues par l'équipe de modération.
mail-report-handled-subject = Votre signalement a été traité
mail-report-handled-body =
    Bonjour,

    Merci pour votre signalement : l'équipe de modération l'a traité.

    { $reason }
mail-report-dismissed-subject = Votre signalement a été examiné
mail-report-dismissed-body =
    Bonjour,

    Merci pour votre signalement. Après examen, l'équipe de modération n'a pas donné suite :

    { $reason }
report-title = Signaler une recommandation
report-intro = Vous pensez que la recommandation de { $association } est abusive ou inexacte ? Dites-nous pourquoi : l'équipe de modération vérifiera.
report-link = signaler
report-reason-inaccurate = Information inexacte
report-reason-other = Autre raison
field-report-reason = Raison
field-report-details = Expliquez en quelques mots
err-report-short = Expliquez en quelques mots (10 caractères au moins).
err-association-email-required = Indiquez l'adresse e-mail de la personne de contact de l'association.
err-start-required = Indiquez le mois de début.
err-end-required = Indiquez le mois de fin.
field-report-note = Note à la personne qui a signalé (facultative)

## Ads

ads-action-withdraw = Retirer de la modération (revenir au brouillon)
flash-ad-withdrawn = L'annonce est retirée de la file de modération et redevient un brouillon.
flash-ad-report-sent = Merci, votre signalement est transmis à l'équipe de modération.
mail-ad-joined-amount = Elle promet { $amount }.
mail-comment-refused-subject = Votre commentaire n'a pas été publié
mail-comment-refused-body =
    Bonjour,

    Votre commentaire sur l'annonce « { $title } » n'a pas été publié, pour la raison suivante :

    { $reason }
ads-fact-software = Logiciel
ads-fact-cost = Coût estimé
ads-fact-deadline = Échéance
home-ads-title = Les dernières annonces
home-ads-all = { $count ->
    [0] Voir les annonces
    [one] Voir l'annonce ouverte
   *[other] Voir les { $count } annonces ouvertes
}

nav-ads = Annonces
ads-title = Annonces
ads-intro = Les besoins en logiciels libres des associations, et les projets qu'elles financent ensemble. Rejoignez une annonce, proposez votre aide ou publiez la vôtre.
ads-new = Publier une annonce
ads-feed = Flux Atom des annonces
ads-search-label = Rechercher une annonce
ads-count = { $count ->
    [0] Aucune annonce
    [one] { $count } annonce
   *[other] { $count } annonces
}
ads-empty = Aucune annonce ne correspond à cette recherche.
ads-facet-kind = Type d'annonce
ads-facet-status = État
ads-facet-software = Logiciel
ads-facet-region = Région
ads-facet-other = Autres critères
ads-remote = À distance
ads-sort-newest = Les plus récentes
ads-sort-deadline = Échéance la plus proche
ads-sort-joined = Les plus soutenues
ads-deadline-short = échéance :
ads-associations = { $count ->
    [one] { $count } association
   *[other] { $count } associations
}
ads-pledged-short = { $amount } promis
ads-pledged = { $amount } promis
ads-of-target = sur { $amount }
ads-progress = Part du coût couverte par les promesses
ad-kind-besoin = Besoin
ad-kind-fonctionnalite = Fonctionnalité à développer
ad-kind-accompagnement = Accompagnement
ad-kind-mutualisation = Mutualisation
ad-status-draft = Brouillon
ad-status-pending = En attente de modération
ad-status-published = Ouverte
ad-status-funded = Financée
ad-status-in-progress = En cours
ad-status-done = Réalisée
ad-status-closed = Fermée
ad-status-expired = Expirée
ad-status-refused = Refusée
ad-status-removed = Retirée
ads-back = ← Toutes les annonces
ads-posted-by = Publiée par { $association }
ads-decision-reason = Motif de la modération
ads-close-reason = Motif de fermeture
ads-pending-notice = Cette annonce attend la validation de l'équipe de modération ; elle n'est visible que par vous.
ads-changes-waiting = Vos modifications du { $date } attendent la validation de l'équipe de modération ; en attendant, la page publique montre la version validée.
ads-draft-notice = Ceci est un brouillon : personne d'autre que vous ne le voit.
ads-description = Description
ads-offers-title = { $count ->
    [0] Propositions
    [one] { $count } proposition
   *[other] { $count } propositions
}
ads-offers-none = Pas encore de proposition.
ads-offer-someone = Une personne (sans structure validée)
ads-pledge-someone = Une association
ads-offer-accepted = Proposition retenue
ads-offer-accept = Retenir cette proposition
ads-offer-make = Faire une proposition
ads-offer-change = Modifier ma proposition
ads-offer-submit = Envoyer la proposition
ads-offer-withdraw = Retirer ma proposition
ads-sign-in-to-offer = Connectez-vous pour faire une proposition
ads-comments-title = { $count ->
    [0] Questions et commentaires
    [one] { $count } commentaire
   *[other] { $count } commentaires
}
ads-comment-pending = en attente de modération
ads-comment-submit = Publier le commentaire
ads-sign-in-to-comment = Connectez-vous pour poser une question ou commenter
ads-funding = Cofinancement
ads-target-accepted = Coût de la proposition retenue
ads-target-estimated = Coût estimé par l'association
ads-pledge-note = Les promesses sont des engagements publics, sans paiement sur la plateforme.
ads-join = Nous aussi !
ads-pledge-own = Enregistrer notre participation
ads-pledge-update = Modifier notre soutien
ads-pledge-withdraw = Retirer notre soutien
ads-joined-by = Associations engagées
ads-details = En bref
ads-place = Lieu
ads-accepted-cost = Coût retenu
ads-manage = Gérer l'annonce
ads-edit = Modifier l'annonce
ads-action-publish = Publier
ads-action-start = Démarrer le projet
ads-action-finish = Marquer comme réalisée
ads-action-close = Fermer l'annonce
ads-action-extend = Prolonger l'annonce
ads-action-reopen = Rouvrir l'annonce
ads-expires-on = Cette annonce expire le { $date }.
ads-follow-title = Suivre
ads-follow = Suivre cette annonce
ads-following = Vous recevez un e-mail à chaque nouveauté.
ads-unfollow = Ne plus suivre
ads-sign-in-to-follow = Connectez-vous pour suivre cette annonce
ads-report = Signaler cette annonce
ads-report-title = Signaler une annonce
ads-report-comment-title = Signaler un commentaire
ads-new-title = Publier une annonce
ads-edit-title = Modifier l'annonce
ads-new-intro = Décrivez votre besoin simplement : d'autres associations pourront s'y associer et des structures vous faire une proposition. Vous pouvez enregistrer un brouillon et publier plus tard.
ads-software-none = Aucun en particulier
ads-region-none = Aucune région
ads-save-draft = Enregistrer le brouillon
ads-save = Enregistrer les modifications
ads-mine-title = Mes annonces
ads-mine-none = Vous n'avez pas encore publié d'annonce.
ads-unsubscribe-title = Ne plus suivre une annonce
ads-unsubscribe-submit = Ne plus recevoir d'e-mails sur cette annonce
ads-unsubscribed = C'est fait : vous ne recevrez plus d'e-mails sur cette annonce.
field-ad-kind = Type d'annonce
field-ad-title = Titre
hint-ad-title = Une phrase qui dit ce que vous cherchez, par exemple « Un outil libre pour gérer nos adhésions ».
hint-ad-association = L'association au nom de laquelle vous publiez.
field-ad-body = Description
hint-markdown = Mise en forme simple possible (Markdown) : **gras**, listes avec « - », liens.
field-ad-software = Logiciel concerné
field-ad-software-other = Autre logiciel (facultatif)
hint-ad-software-other = S'il n'est pas dans la liste.
field-estimated-cost = Coût estimé en euros (facultatif)
hint-amount = En euros, sans centimes, par exemple 1500.
field-deadline = Échéance (facultative)
hint-deadline = Par exemple 31/12/2027.
field-ad-region = Région
field-ad-remote = Peut se faire à distance
field-ad-tags = Mots-clés (facultatifs)
hint-ad-tags = Séparés par des virgules, 8 au plus.
field-offer-amount = Montant proposé en euros
field-offer-timeframe = Délai
hint-timeframe = Par exemple « 6 semaines » ou « avant l'été ».
field-offer-message = Votre proposition
field-pledge-amount = Montant promis en euros (facultatif)
hint-pledge = Une promesse non engageante, réglée hors de la plateforme. Laissez vide pour simplement vous associer.
field-comment = Votre question ou commentaire
field-close-reason = Motif (facultatif)
field-ad-report-message = Expliquez en quelques mots (facultatif)
report-reason-spam = Publicité ou spam
report-target-ad = annonce
report-target-ad_comment = commentaire d'annonce
moderation-ads = { $count ->
    [0] Annonces
   *[other] Annonces ({ $count })
}
moderation-comments = { $count ->
    [0] Commentaires
   *[other] Commentaires ({ $count })
}
moderation-ad-changes = { $count ->
    [0] Annonces modifiées depuis leur validation
   *[other] Annonces modifiées depuis leur validation ({ $count })
}
moderation-ad-changes-waiting = Modifications en attente ; la page publique montre la version validée
moderation-ad-changes-live = Modifiée depuis sa publication, en ligne
moderation-remove-ad = Retirer l'annonce
moderation-remove-comment = Retirer le commentaire
moderation-reported-comment = Commentaire signalé :
err-ad-kind-required = Choisissez le type d'annonce.
err-ad-title-short = Le titre doit faire au moins 8 caractères.
err-ad-title-long = Le titre doit faire au plus 120 caractères.
err-ad-body-short = Décrivez votre besoin en 30 caractères au moins.
err-ad-body-long = La description doit faire au plus 10 000 caractères.
err-ad-software-other-long = Le nom du logiciel doit faire au plus 80 caractères.
err-ad-deadline-past = L'échéance est déjà passée : choisissez une date à venir.
err-ad-deadline-far = L'échéance doit être dans les cinq prochaines années.
err-ad-place-required = Choisissez une région ou cochez « Peut se faire à distance ».
err-ad-tag-long = Chaque mot-clé doit faire au plus 30 caractères.
err-ad-tags-many = Huit mots-clés au plus.
err-ad-transition = Cette action n'est pas possible dans l'état actuel de l'annonce.
err-ad-not-open = Cette annonce n'est plus ouverte aux soutiens.
err-amount-invalid = Indiquez un montant en chiffres, par exemple 1500.
err-amount-negative = Le montant ne peut pas être négatif.
err-amount-whole = Indiquez un montant en euros, sans centimes.
err-amount-zero = Le montant doit être supérieur à zéro.
err-amount-too-large = Le montant doit être d'au plus 1 000 000 €.
err-date-invalid = Indiquez une date valide, par exemple 31/12/2027.
err-offer-amount-required = Indiquez le montant de votre proposition.
err-offer-timeframe-required = Indiquez un délai.
err-offer-timeframe-long = Le délai doit faire au plus 80 caractères.
err-offer-message-short = Décrivez votre proposition en 20 caractères au moins.
err-offer-message-long = La proposition doit faire au plus 3 000 caractères.
err-offer-own-ad = Vous ne pouvez pas faire de proposition sur votre propre annonce.
err-offer-closed = Cette annonce ne reçoit plus de propositions.
err-offer-accepted-fixed = Votre proposition a été retenue : elle ne peut plus être modifiée ni retirée.
err-offer-cannot-accept = Cette proposition ne peut pas être retenue : une autre l'a peut-être déjà été, ou l'annonce n'est plus ouverte.
err-pledge-author-stays = L'association qui publie l'annonce y reste associée ; fermez l'annonce si le besoin a disparu.
err-comment-required = Écrivez votre commentaire.
err-comment-long = Le commentaire doit faire au plus 3 000 caractères.
err-comment-flood = Vous avez publié beaucoup de commentaires en peu de temps : attendez quelques minutes avant de recommencer. Votre texte est conservé ci-dessous.
err-association-role-revoked = Un administrateur vous a retiré le rôle « association » : vous ne pouvez plus publier d'annonce ni soutenir une annonce au nom d'une association. Pour le retrouver, écrivez à l'équipe du site.
err-ad-actions-flood = Vous avez fait beaucoup de changements sur cette annonce en peu de temps : attendez quelques minutes avant de recommencer.
err-comment-not-public = Cette annonce n'est pas publique : on ne peut pas encore la commenter.
err-report-reason-required = Choisissez une raison.
flash-ad-draft-saved = Brouillon enregistré.
flash-ad-published = Votre annonce est publiée.
flash-ad-pending = Votre annonce est envoyée à l'équipe de modération ; vous recevrez un e-mail dès qu'elle sera publiée.
flash-ad-saved = Modifications enregistrées.
flash-ad-changes-pending = Vos modifications sont envoyées à l'équipe de modération : la page publique garde la version validée jusqu'à leur validation.
flash-ad-not-editable = Cette annonce ne peut plus être modifiée.
flash-ad-status-changed = L'état de l'annonce a été mis à jour.
flash-ad-extended = L'annonce est prolongée.
flash-ad-reopened = L'annonce est de nouveau ouverte.
flash-ad-joined = Merci ! Votre association est associée à cette annonce.
flash-pledge-updated = Votre soutien est mis à jour.
flash-pledge-withdrawn = Votre soutien est retiré.
flash-offer-sent = Votre proposition est envoyée à l'association.
flash-offer-updated = Votre proposition est mise à jour.
flash-offer-withdrawn = Votre proposition est retirée.
flash-offer-accepted = Proposition retenue. Les personnes qui suivent l'annonce sont prévenues.
flash-comment-posted = Commentaire publié.
flash-comment-pending = Votre commentaire sera publié après relecture par l'équipe de modération.
flash-ad-followed = Vous suivez cette annonce.
flash-ad-unfollowed = Vous ne suivez plus cette annonce.
mail-ad-approved-subject = Votre annonce est publiée : { $title }
mail-ad-approved-body =
    Bonjour,

    L'équipe de modération a publié votre annonce « { $title } ».

    { $url }
mail-ad-refused-subject = Votre annonce n'a pas été publiée : { $title }
mail-ad-refused-body =
    Bonjour,

    L'équipe de modération n'a pas publié votre annonce « { $title } », pour la raison suivante :

    { $reason }

    Vous pouvez la modifier et la soumettre à nouveau : { $url }
mail-ad-changes-accepted-subject = Vos modifications sont publiées : { $title }
mail-ad-changes-accepted-body =
    Bonjour,

    L'équipe de modération a validé vos modifications de l'annonce « { $title } » : elles sont maintenant publiques.

    { $url }
mail-ad-changes-refused-subject = Vos modifications n'ont pas été publiées : { $title }
mail-ad-changes-refused-body =
    Bonjour,

    L'équipe de modération n'a pas publié vos modifications de l'annonce « { $title } », pour la raison suivante :

    { $reason }

    L'annonce reste en ligne telle qu'elle avait été validée. Vous pouvez la modifier à nouveau : { $url }
mail-ad-changes-reverted-subject = Vos modifications ont été annulées : { $title }
mail-ad-changes-reverted-body =
    Bonjour,

    L'équipe de modération a rétabli la version précédente de votre annonce « { $title } », pour la raison suivante :

    { $reason }

    { $url }
mail-ad-removed-subject = Votre annonce a été retirée : { $title }
mail-ad-removed-body =
    Bonjour,

    L'équipe de modération a retiré votre annonce « { $title } », pour la raison suivante :

    { $reason }
mail-comment-removed-subject = Votre commentaire a été retiré
mail-comment-removed-body =
    Bonjour,

    L'équipe de modération a retiré votre commentaire sur l'annonce « { $title } », pour la raison suivante :

    { $reason }
mail-ad-joined-subject = { $association } s'associe à votre annonce
mail-ad-joined-body =
    Bonjour,

    { $association } s'associe à votre annonce « { $title } ». { $amount }

    { $url }
mail-ad-offer-subject = Nouvelle proposition sur « { $title } »
mail-ad-offer-body =
    Bonjour,

    { $who } propose { $amount }{ $timeframe } sur l'annonce « { $title } ».

    { $url }

    Pour ne plus recevoir d'e-mails sur cette annonce : { $unsubscribe }
mail-ad-offer-accepted-subject = Proposition retenue sur « { $title } »
mail-ad-offer-accepted-body =
    Bonjour,

    La proposition de { $who } ({ $amount }) a été retenue pour l'annonce « { $title } ».

    { $url }

    Pour ne plus recevoir d'e-mails sur cette annonce : { $unsubscribe }
mail-ad-comment-subject = Nouveau commentaire sur « { $title } »
mail-ad-comment-body =
    Bonjour,

    { $who } a écrit sur l'annonce « { $title } » :

    { $comment }

    { $url }

    Pour ne plus recevoir d'e-mails sur cette annonce : { $unsubscribe }
mail-ad-status-subject = « { $title } » : { $status }
mail-ad-status-body =
    Bonjour,

    L'annonce « { $title } » est maintenant : { $status }.

    { $url }

    Pour ne plus recevoir d'e-mails sur cette annonce : { $unsubscribe }
mail-ad-updates-subject = « { $title } » : { $count } nouvelles
mail-ad-updates-body =
    Bonjour,

    Du nouveau sur l'annonce « { $title } » :

    { $updates }

    { $url }

    Pour ne plus recevoir d'e-mails sur cette annonce : { $unsubscribe }
mail-ad-update-status = L'annonce est maintenant : { $status }.
mail-ad-update-offer = { $who } propose { $amount }{ $timeframe }.
mail-ad-offer-timeframe = {" "}(délai : { $timeframe })
mail-ad-offer-someone = Une personne
mail-ad-update-offer-accepted = La proposition de { $who } ({ $amount }) a été retenue.
mail-ad-update-comment = { $who } a écrit : { $comment }
mail-ad-reminder-subject = Votre annonce expire bientôt : { $title }
mail-ad-reminder-body =
    Bonjour,

    Votre annonce « { $title } » expirera le { $date }. Si le besoin est toujours là, prolongez-la en un clic depuis sa page :

    { $url }

ads-feed-title = Annonces — { $site }
ads-feed-title-kind = Annonces « { $kind } » — { $site }
ads-feed-subtitle = Les dernières annonces publiées par les associations : besoins en logiciels libres, fonctionnalités à financer ensemble, demandes d'accompagnement, mutualisations.

## Self-diagnosis
nav-diagnosis = Diagnostic
diagnosis-title = Autodiagnostic numérique
diagnosis-lead = Une vingtaine de questions en cinq étapes courtes pour savoir où en est votre association, quels outils libres remplaceraient ceux des géants du numérique, et quelles structures de l'annuaire peuvent vous accompagner.
diagnosis-promise-steps = Environ cinq minutes, sans compte, sans cookie, sans donnée personnelle.
diagnosis-promise-plan = Un niveau par thème, une note de A à E et un plan outil par outil adapté à votre budget et à votre temps.
diagnosis-promise-structures = Les structures de l'annuaire qui interviennent près de chez vous et maîtrisent ces logiciels.
diagnosis-promise-private = Un lien privé vers votre résultat, à imprimer, à télécharger ou à transmettre.
diagnosis-start = Commencer le diagnostic
diagnosis-step-1 = Vos outils de travail
diagnosis-step-2 = Vos outils pour le public
diagnosis-step-3 = Votre équipe
diagnosis-step-4 = Vos contraintes
diagnosis-step-5 = Où êtes-vous ?
diagnosis-progress-label = Étapes du diagnostic
diagnosis-progress = Étape { $step } sur { $steps }
diagnosis-place-unsaid = Je préfère ne pas le dire
diagnosis-next = Étape suivante
diagnosis-finish = Voir mon résultat
diagnosis-previous = Étape précédente
diagnosis-draft-private = Vos réponses sont gardées sous l'adresse de cette page pendant une semaine : gardez-la pour reprendre plus tard.
err-diagnosis-required = Choisissez une réponse.
err-diagnosis-required-multi = Cochez au moins une réponse, ou « Rien de tout cela ».
err-diagnosis-none-alone = « Rien » ne va pas avec une autre réponse : décochez l'une ou l'autre.
err-diagnosis-department = Ce département n'existe pas : choisissez dans la liste.
diagnosis-result-title = Résultat de votre autodiagnostic
diagnosis-result-grade = Note globale { $grade } ({ $score } sur 100).
diagnosis-result-before = Lors du diagnostic précédent : note { $grade } ({ $score } sur 100).
diagnosis-result-expires = Il sera supprimé le { $date }, avec son lien.
diagnosis-result-private = Cette page n'est accessible qu'avec son lien : gardez-le, et ne le partagez qu'avec qui vous voulez.
diagnosis-download = Télécharger (Markdown)
diagnosis-revise = Modifier mes réponses
diagnosis-sections-label = Parties du résultat
diagnosis-profile-heading = Votre profil par thème
diagnosis-weak-heading = Vos points faibles
diagnosis-plan-heading = Votre plan outil par outil
diagnosis-structures-heading = Les structures qui peuvent vous accompagner
diagnosis-table-caption = Niveau par thème, sur 100
diagnosis-theme = Thème
diagnosis-level = Niveau
diagnosis-grade = Note
diagnosis-change = Évolution
diagnosis-not-counted = Non évalué
diagnosis-overall = Ensemble
diagnosis-plan-empty = Vous n'utilisez aucun des outils des géants du numérique que nous connaissons : bravo !
diagnosis-plan-instead-of = Au lieu de { $tool }
diagnosis-difficulty-easy = Facile
diagnosis-difficulty-medium = Intermédiaire
diagnosis-difficulty-hard = Exigeant
diagnosis-cost-label-free = Gratuit
diagnosis-cost-label-low = Quelques euros par mois
diagnosis-cost-label-paid = Budget à prévoir
diagnosis-hint-easy = Se prend en main en une heure, sans installation.
diagnosis-hint-medium = Quelques heures de mise en place, puis un temps d'adaptation pour l'équipe.
diagnosis-hint-medium-help = Faites-vous accompagner pour la mise en place : les structures ci-dessous le font.
diagnosis-hint-hard = Demande des compétences techniques et un suivi régulier.
diagnosis-hint-hard-help = Exigeant : confiez l'installation et la maintenance à une structure qui s'y connaît.
diagnosis-hint-time = Avec peu de temps, changez un outil à la fois, en commençant par le plus simple.
diagnosis-cost-free = Gratuit chez un hébergeur associatif.
diagnosis-cost-low = Quelques euros par mois chez un hébergeur.
diagnosis-cost-low-nobudget = Quelques euros par mois : demandez un prix libre ou mutualisez avec d'autres associations.
diagnosis-cost-paid = Un abonnement ou une prestation à prévoir.
diagnosis-cost-paid-nobudget = Un budget à trouver : cherchez un financement ou une offre mutualisée.
diagnosis-structures-none = Aucune structure de l'annuaire ne correspond encore à votre plan. L'annuaire grandit : revenez bientôt, ou parcourez-le.
diagnosis-structures-no-place = Vous n'avez pas indiqué votre département : voici les structures qui accompagnent à distance ou dans toute la France.
diagnosis-structures-remote-fallback = Aucune structure de l'annuaire n'intervient encore près de chez vous pour ce plan : voici celles qui accompagnent à distance ou dans toute la France.
diagnosis-structures-all = Parcourir tout l'annuaire
diagnosis-match-department = intervient dans votre département
diagnosis-match-region = intervient dans votre région
diagnosis-match-national = intervient dans toute la France
diagnosis-match-remote = accompagne à distance
diagnosis-match-software = maîtrise { $list }
diagnosis-match-services = propose { $list }
diagnosis-match-recommendations = { $count ->
    [one] 1 recommandation
   *[other] { $count } recommandations
}
diagnosis-and = et
diagnosis-and-more = { $count ->
    [one] 1 autre
   *[other] { $count } autres
}
diagnosis-result-made = Diagnostic du { $date }
diagnosis-result-version = questionnaire version { $version }
diagnosis-contact-with-result = Écrire à { $name } en joignant ce diagnostic
diagnosis-attach-label = Joindre mon autodiagnostic : la structure le verra dans son espace, sans le lien privé.
diagnosis-shared-title = Autodiagnostics reçus
diagnosis-shared-intro = Une association a joint ce résultat à son message. Seule l'équipe de votre structure le voit ici.
diagnosis-shared-list-intro = Les résultats que des associations ont joints à leurs messages, les plus récents d'abord.
diagnosis-shared-none = Aucun autodiagnostic reçu pour l'instant.
diagnosis-shared-caption = Autodiagnostics joints aux messages reçus
diagnosis-shared-received = Reçu le
diagnosis-shared-department = Département
mail-contact-diagnosis = L'association a joint son autodiagnostic numérique à ce message. Connectez-vous à votre espace structure pour le lire : { $link }
admin-diagnosis-title = Questionnaire d'autodiagnostic
admin-diagnosis-intro = Le questionnaire en vigueur, une partie par zone, une ligne par élément, les colonnes séparées par des tabulations (comme les fichiers de content/diagnosis). Enregistrer crée une nouvelle version : les résultats déjà faits gardent la leur.
admin-diagnosis-themes = Thèmes
admin-diagnosis-themes-hint = slug, libellé français, libellé anglais, pourquoi c'est important (fr, en), que faire ensuite (fr, en)
admin-diagnosis-questions = Questions
admin-diagnosis-questions-hint = clé, étape (1 à 9), type (tool, single, multi, place), besoin, question (fr, en), aide (fr, en)
admin-diagnosis-choices = Réponses et poids
admin-diagnosis-choices-hint = clé de la question, valeur, libellé (fr, en), poids « thème:points » de 0 à 3 séparés par des espaces
admin-diagnosis-grades = Notes
admin-diagnosis-grades-hint = lettre, score minimal de 0 à 100, de la meilleure à la dernière (qui commence à 0)
admin-diagnosis-alternatives = Alternatives
admin-diagnosis-alternatives-hint = outil à quitter, alternative, logiciel de l'annuaire (slug ou vide), difficulté (easy, medium, hard), coût (free, low, paid), note (fr, en)
admin-diagnosis-line = Ligne { $line } :
admin-diagnosis-save = Enregistrer une nouvelle version
admin-diagnosis-versions = Versions du questionnaire
admin-diagnosis-version = Version
admin-diagnosis-date = Date
admin-diagnosis-author = Par
admin-diagnosis-note = Motif
field-diagnosis-note = Motif de la modification
hint-diagnosis-note = Il figure au journal des décisions.
flash-diagnosis-saved = La nouvelle version du questionnaire est enregistrée.
err-diagnosis-edit-note = Indiquez le motif de la modification.
err-diagnosis-edit-note-long = Le motif tient en une ligne de 200 caractères au plus.
err-diagnosis-edit-lines = Des lignes ne conviennent pas :
err-diagnosis-edit-columns = le nombre de colonnes ne correspond pas.
err-diagnosis-edit-theme = thème sans slug ou sans libellé, ou slug en double.
err-diagnosis-edit-question = clé vide ou en double, étape hors de 1 à 9, type inconnu ou question vide.
err-diagnosis-edit-no-choices = cette question a moins de deux réponses.
err-diagnosis-edit-choice = question inconnue, valeur vide ou en double, ou poids invalide (thème inconnu, points hors de 0 à 3).
err-diagnosis-edit-grade = lettre vide ou en double, ou score qui ne décroît pas entre 0 et 100.
err-diagnosis-edit-grades-zero = il faut au moins deux notes, la dernière à 0.
err-diagnosis-edit-alternative = outil inconnu, nom vide, logiciel absent de l'annuaire, ou difficulté ou coût inconnu.
admin-diagnosis-stats-title = Statistiques des diagnostics
admin-diagnosis-stats-results = { $count } résultats comptés.
admin-diagnosis-stats-few = Moins de { $min } résultats pour l'instant.
admin-diagnosis-stats-rule = Des comptes seulement, et aucune ligne sous { $min } résultats.
admin-diagnosis-stats-csv = Les mêmes chiffres en données ouvertes (CSV)
admin-diagnosis-stats-tools = Les outils que les associations pourraient quitter
admin-diagnosis-stats-tools-region = Par région
admin-diagnosis-stats-tools-size = Par taille
admin-diagnosis-stats-grades = Les notes
admin-diagnosis-stats-none = Rien à montrer sans descendre sous le seuil.
admin-diagnosis-stats-group-1 = Région
admin-diagnosis-stats-group-2 = Taille
admin-diagnosis-stats-tool = Outil
admin-diagnosis-stats-count = Résultats
diagnosis-markdown-link = Lien privé vers ce résultat :
