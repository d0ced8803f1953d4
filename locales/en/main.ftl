## Frame of the site
site-description = Emancip'Asso puts associations that want to leave the tools of the tech giants in touch with trusted support organisations.
skip-to-content = Skip to content
demo-banner = Demo site: all the data shown is made up.
nav-main-label = Site sections
nav-account-label = My space
nav-footer-label = Legal information
nav-home = Home
nav-sign-in = Sign in
nav-sign-up = Create an account
nav-sign-out = Sign out
nav-account = My account
nav-admin = Administration
lang-switch = Français
lang-suggest = This page is also available in English.
footer-about = Emancip'Asso helps associations move to free, ethical digital tools that respect their data.
footer-legal = Legal notice
footer-privacy = Privacy
footer-accessibility = Accessibility: not compliant
footer-free-software = Free software under the AGPL licence. No cookies or trackers for visitors.
page-updated = Updated on { $date }.

## Home page
home-title = Home
home-heading = Free your association from the tech giants
home-lead = Emancip'Asso puts associations in touch with trusted organisations — hosts from the CHATONS collective, cooperatives, free software providers — who support them step by step towards ethical tools.
home-cta-sign-up = Create a free account
home-how-title = How does it work?
home-step1-title = 1. Take stock
home-step1-text = Which tools do you use today? What bothers you about them? A first review of how you work helps you put your needs into words.
home-step2-title = 2. Find someone to support you
home-step2-text = Organisations recommended by other associations after successful support: installation, moving your data, training volunteers.
home-step3-title = 3. Move forward together
home-step3-text = Share needs and costs with other associations to fund the free software you need.
home-assos-title = You are an association
home-assos-text = You want to leave Google Drive, Gmail, WhatsApp or Facebook, comply with the GDPR and stay true to your values, without spending all your evenings on it.
home-assos-item1 = find a support organisation near you or one that works remotely;
home-assos-item2 = recommend the ones that really helped you;
home-assos-item3 = post your needs and co-fund free software.
home-structures-title = You support associations
home-structures-text = Ethical host, cooperative, free software company or freelancer: make your services known to the associations looking for you.
home-structures-item1 = present your services and the software you know well;
home-structures-item2 = show the recommendations from the associations you have supported;
home-structures-item3 = respond to the needs posted by associations.
home-about-title = A free, community-run project
home-about-text = Emancip'Asso is a project launched by Framasoft and Animafac to train hosts in supporting associations and to make it easier for them to meet.
home-chatons-text = The platform is free software: every member of the CHATONS collective can run their own instance of it for their region or network.

## Roles
role-association = Association
role-structure = Support organisation
role-moderator = Moderation
role-admin = Administration

## Form fields
field-email = Email address
field-display-name = Display name
field-password = Password
field-new-password = New password
field-current-password = Current password
field-new-email = New email address
field-title-fr = Title (French)
field-title-en = Title (English)
field-body-fr = Text in Markdown (French)
field-body-en = Text in Markdown (English)
hint-display-name = Your first name, or the name of your association or organisation. Other members can see it.
hint-password = At least 10 characters. A sentence of several words is easy to remember and hard to guess.
error-prefix = Error:
error-summary-title = The form contains errors
search-submit = Search
pager-label = Pagination
pager-prev = Previous page
pager-next = Next page

## Validation messages
err-email-required = Enter your email address.
err-email-invalid = This email address is not valid. Example: name@example.com
err-control-characters = This field fits on one line: remove line breaks, tabs and other invisible characters.
err-email-same = This is already your current address.
err-name-required = Enter the name to display.
err-name-short = The name must be at least 2 characters long.
err-name-long = The name must be 60 characters or fewer.
err-password-required = Enter your password.
err-password-short = The password must be at least 10 characters long.
err-password-long = The password must be 128 characters or fewer.
err-password-is-email = The password must not be your email address.
err-password-wrong = This password is not correct.
err-sign-in-failed = Incorrect email address or password.
err-sign-in-unverified = Your email address has not been confirmed yet. We have just sent you the confirmation link again: open it, then sign in.
err-delete-confirm = Tick the box to confirm the deletion.
err-last-admin = You are the last administrator: give this role to someone else before deleting your account.
err-last-admin-role = There must be at least one administrator left.
admin-roles-revoke-hint = Removing a role takes effect at once and no action gives it back: only an administrator can. Removing the “organisation” role also takes the person off their organisation's team.
admin-team-of = Member of the team of { $structure }.
admin-team-remove = Remove from this team
admin-team-none = This account is on no organisation's team.
err-title-required = Enter a title.
err-title-long = The title must be 120 characters or fewer.
err-body-required = The text cannot be empty.
err-body-long = The text must be 50,000 characters or fewer.

## Accounts
sign-up-title = Create an account
sign-up-intro = An account lets you recommend an organisation, post needs and follow announcements. You do not need an account to search and read.
sign-up-submit = Create my account
sign-up-have-account = Already have an account?
check-email-title = Check your inbox
check-email-text = If this address can be used, you will receive an email with a link to confirm your address. Remember to look in your spam folder. The link is valid for 3 days.
sign-in-title = Sign in
sign-in-submit = Sign me in
sign-in-forgot = Forgotten your password?
sign-in-no-account = Don't have an account yet?
forgot-title = Forgotten password
forgot-intro = Enter your account's address: we will send you a link to choose a new password.
forgot-submit = Send me the link
reset-title = Choose a new password
reset-submit = Save the password
link-invalid-title = This link is no longer valid
link-invalid-text = This link has already been used or has expired. For your security, each link works only once and for a limited time.
link-invalid-retry = Start again
verify-title = Confirm your email address
verify-text = One click on the button confirms your email address and activates your account.
verify-button = Confirm my address
confirm-email-title = Confirm your new address
confirm-email-text = Use { $email } as your account's email address? The site's emails will then go to this address.
confirm-email-button = Use this address
account-title = My account
account-profile = My profile
account-roles = Roles
account-no-role = No role yet: the Emancip'Asso team will link you to your association or organisation.
account-save-name = Save the name
account-change-email = Change email address
account-change-email-intro = We will send a confirmation link to the new address. The change happens when you open that link.
account-change-email-submit = Send the confirmation link
account-change-password = Change password
account-change-password-submit = Change the password
account-data = My data
account-data-intro = Download everything the platform keeps about you, in a JSON file.
account-export = Download my data
account-sessions = My sessions
account-sessions-intro = A lost device, or a session left open somewhere else? Sign out everywhere: you will need to sign in again on every device, this one included.
account-sign-out-everywhere = Sign out everywhere
account-delete = Delete my account
account-delete-intro = Deletion is immediate and permanent: your account, your roles and your sessions are erased.
account-delete-confirm = I understand that my account will be permanently deleted.
account-delete-submit = Delete my account

## Flash messages
flash-signed-in = You are signed in.
flash-signed-out = You are signed out. See you soon!
flash-signed-out-everywhere = You are signed out on all your devices.
flash-verified = Your email address is confirmed.
flash-reset-sent = If an account exists for this address, an email with a link has just been sent to it. If you asked several times, use the newest link.
flash-password-reset = Your password has been changed. You can now sign in.
flash-password-changed = Your password has been changed. Your other devices have been signed out.
flash-name-changed = Your display name has been saved.
flash-email-link-sent = A confirmation link has just been sent to the new address.
flash-email-changed = Your new email address has been saved.
flash-account-deleted = Your account has been deleted. Thank you for using Emancip'Asso.
flash-roles-saved = The roles have been saved.
flash-page-saved = The page has been saved.

## Administration
admin-nav-label = Administration
admin-users-title = Accounts
admin-users-search = Search by address or name
admin-users-none = No account matches.
admin-created = Created on
admin-unverified = address not confirmed
admin-save-roles = Save the roles
admin-pages-title = Pages
admin-page-edit = Edit the page
admin-markdown-hint = The text is written in Markdown: # for a heading, ** for bold, - for a list, [text](https://address) for a link.
admin-save-page = Save the page

## Errors
error-back-home = Back to the home page
error-404-title = Page not found
error-404-text = This page does not exist or has been moved. Check the address, or start again from the home page.
error-403-title = Access denied
error-403-text = Your account does not have access to this page.
error-413-title = Upload too large
error-413-text = What you sent is larger than the allowed size. Shorten the text or choose a smaller file, then try again.
error-415-title = Unsupported format
error-415-text = This form only accepts what a browser's form sends. Go back, reload the page, then send it again.
error-400-title = Incorrect request
error-400-text = This request could not be understood. Go back and try again.
error-429-title = Too many attempts
error-429-text = You have made a lot of attempts in a short time. To protect accounts, please try again in { $minutes } minute(s).
error-500-title = Something went wrong
error-500-text = The problem is on our side and has been recorded. Please try again in a few moments.
error-csrf-title = Form expired
error-csrf-text = This form has expired or does not come from this site. Go back, reload the page, then send it again.

## Emails
mail-signature = The Emancip'Asso team
mail-verify-subject = Confirm your email address
mail-verify-body =
    Hello { $name },

    Welcome to Emancip'Asso! To confirm your email address, open this link:

    { $link }

    This link is valid for 3 days. If you did not create an account, please ignore this message.
mail-already-subject = Attempt to sign up with your address
mail-already-body =
    Hello,

    Someone (perhaps you) tried to create an Emancip'Asso account with this address, which already has an account.

    If you have forgotten your password, choose a new one here:

    { $link }

    Otherwise, ignore this message: nothing has changed.
mail-reset-subject = Choose a new password
mail-reset-body =
    Hello,

    To choose a new password for your Emancip'Asso account, open this link:

    { $link }

    This link is valid for 1 hour and works only once. If you did not ask for anything, ignore this message: your password stays the same.
mail-password-changed-subject = Your password has been changed
mail-password-changed-body =
    Hello,

    The password for your Emancip'Asso account has just been changed.

    If this was not you, choose a new password straight away using "Forgotten your password?" on the sign-in page.
mail-change-email-subject = Confirm your new email address
mail-change-email-body =
    Hello,

    To use this address with your Emancip'Asso account, open this link:

    { $link }

    This link is valid for 24 hours. If you did not ask for anything, ignore this message.
mail-email-taken-subject = Your email address was suggested for another account
mail-email-taken-body =
    Hello,

    Someone tried to link this address to another Emancip'Asso account. As it already has an account, nothing has been changed.

    If this was you, sign in with this address.
mail-email-changed-subject = Your email address has been changed
mail-email-changed-body =
    Hello,

    The address for your Emancip'Asso account is now { $email }. Future messages will go to this address.

    If this was not you, contact the platform team quickly by replying to this message.
mail-account-deleted-subject = Your account has been deleted
mail-account-deleted-body =
    Hello,

    Your Emancip'Asso account and the data linked to it have been deleted.

    Thank you for using the platform.

## Directory
nav-directory = Directory
directory-title = Directory of support organisations
directory-intro = Ethical hosts, cooperatives and free software providers, recommended by the associations they have supported.
directory-search-label = What are you looking for?
directory-search-hint = A need, a software, a town, a postcode or a department. Examples: nextcloud, volunteer training, 35000.
directory-filters = Refine
directory-facet-service = Services
directory-facet-software = Software
directory-facet-region = Regions
directory-facet-departement = Departments
directory-facet-form = Legal form
directory-facet-other = Other criteria
directory-filter-active = active filter, click to remove it
directory-see-all = See all { $count } choices
directory-count = { $count ->
    [0] No organisation
    [one] { $count } organisation
   *[other] { $count } organisations
}
directory-near = working in { $place }
directory-place-postcode = { $code } ({ $departements })
directory-active-filters = Active filters
directory-remove-filter = remove this filter
directory-clear = Clear the search and filters
directory-sort = Sort by
directory-sort-submit = Sort
directory-sort-relevance = relevance
directory-sort-recommendations = number of recommendations
directory-sort-name = name
directory-empty = No organisation matches this search. Try fewer filters or another word.
directory-recommendations = { $count ->
    [0] No recommendation
    [one] { $count } recommendation
   *[other] { $count } recommendations
}
directory-chatons-member = Member of the CHATONS collective
directory-chatons-page = Its page on chatons.org
directory-remote = Remote
directory-national = All of France
directory-back = ← Back to the directory
directory-about = About
directory-recos-title = What the associations they supported say
directory-recos-none = No published recommendation yet.
directory-facts = At a glance
directory-website = Website
directory-location = Address
directory-area = Works in
directory-services = Services
directory-software = Software
directory-audiences = Audiences
directory-pricing = Prices
directory-languages = Languages
directory-confirmed = Profile confirmed by the team on
directory-contact-title = Write to { $name }
directory-contact-intro = Your message is forwarded by email to the organisation, which will answer you directly. Its address is not shown; a copy of your message is shown once it is sent.
directory-contact-submit = Send the message
directory-report-title = Is some information out of date?
directory-report-submit = Report
field-contact-name = Your name or your association's
field-contact-message = Your message
field-honeypot = Do not fill in this field
field-report-message = What is out of date? (optional)
field-report-email = Your email address, if you agree to be contacted (optional)
hint-contact-email = So that the organisation can answer you.
err-contact-name = Enter your name or your association's.
err-contact-name-long = The name must be at most 100 characters long.
err-contact-message-short = Describe your need in a few sentences (at least 20 characters).
err-contact-message-long = The message must be at most 5,000 characters long.
err-contact-too-fast = Your message left a little too quickly. Read it again, then send it once more.
err-relay-structure = This organisation has received many messages in the last hour. Try again a little later: your text is kept below.
err-relay-address = This address has already received several messages from us today. Try again tomorrow.
err-relay-site = The site is sending many messages right now. Try again in an hour: your text is kept below.
err-report-long = The report must be at most 2,000 characters long.
flash-contact-sent = Your message has been sent.
directory-contact-sent-title = Your message has been sent
directory-contact-sent-text = { $structure } has received your message and will answer you directly. Keep this page if you want a copy: we do not send it by email.
directory-contact-copy = Copy of your message
flash-report-sent = Thank you! The moderation team will check this profile.
pager-position = Page { $page }
language-fr = French
language-en = English
language-br = Breton
language-oc = Occitan
language-eu = Basque
language-co = Corsican
language-de = German
language-ar = Arabic
language-es = Spanish
language-it = Italian
mail-contact-subject = New contact request: { $name }
mail-contact-body =
    Hello,

    { $name } ({ $email }) writes to you from your profile in the Emancip'Asso directory:

    { $message }

    Answer directly to { $email }.
mail-contact-attached-subject = New contact request: { $name }
mail-contact-attached-body =
    Hello,

    { $name } ({ $email }) writes to you from your profile in the Emancip'Asso directory:

    { $message }

    { $attachment }

    Answer directly to { $email }.
mail-contact-copy-subject = Copy of your message to { $structure }
mail-contact-copy-body =
    Hello { $name },

    Here is a copy of the message you sent to { $structure }:

    { $message }

    The organisation will answer you directly at this address.
directory-to-filters = Refine by service, software, region…
directory-map-title = Map of departments: number of organisations working there
directory-map-department = { $name }: { $count ->
    [0] no organisation
    [one] { $count } organisation
   *[other] { $count } organisations
}
directory-map-fallback = Choose a region in the list
directory-map-caption = The darker the colour, the more organisations. Choose a department to filter.
directory-map-credit = Base map: svg-maps (CC BY 4.0).
directory-embed-more = See the whole directory on { $site }
directory-confirmed-title = Thank you, your profile is confirmed
directory-confirmed-text = The profile of { $name } stays in the directory. We will ask you to check it again in a few months.
directory-confirmed-see = See the profile
directory-confirm-title = Confirm the profile
directory-confirm-text = Is the profile of { $name } still right? If so, confirm it: it stays in the directory.
directory-confirm-submit = Confirm the profile is up to date
directory-confirm-expired = This confirmation link has expired (it is valid for { $days } days). Sign in to your organisation's workspace and save the profile: that confirms it too.
mail-confirm-profile-subject = Is your { $structure } profile still up to date?
mail-confirm-profile-body =
    Hello,

    Associations trust the Emancip'Asso directory because its profiles are kept up to date. Could you check the one of { $structure }?

    If it is still right, open this link and confirm it in one click:

    { $link }

    This link is valid for { $days } days; after that, saving the profile in your organisation's workspace confirms it too.

    Without confirmation, the profile will leave the public directory { $months } months after its last check, until someone from your team confirms it.
mail-profile-unlisted-subject = Your { $structure } profile is no longer shown in the directory
mail-profile-unlisted-body =
    Hello,

    The profile of { $structure } has not been confirmed for a long time: it no longer appears in the public directory.

    If it is still right, open this link and confirm it in one click, and it comes back at once:

    { $link }

    This link is valid for { $days } days; after that, saving the profile in your organisation's workspace confirms it too.
workspace-title = My organisation
workspace-intro = Do you support associations? Present your organisation. It will appear in the directory once approved by the moderators and recommended by an association you supported.
workspace-listed = Your profile is shown in the directory.
workspace-see-profile = See the public profile
workspace-not-listed = Your profile is not shown in the directory yet. What remains to be done:
workspace-done = done
workspace-todo = to do
workspace-check-profile = Present the organisation
workspace-check-submitted = Submit the profile to the moderators
workspace-check-approved = Profile approved by the moderators
workspace-check-recommendations = At least { $count } published recommendation(s) from supported associations ({ $have } so far)
workspace-submit = Submit my profile to the moderators
workspace-identity = Who are you?
workspace-where = Where do you work?
workspace-what = What do you offer?
workspace-communes = Towns with this postcode:
workspace-save = Save the profile
workspace-create = Create my organisation's profile
workspace-logo = Logo
workspace-logo-current = Current logo
workspace-logo-submit = Upload the logo
workspace-team = Team
workspace-invite = Invite by email
workspace-invite-after-submit = You can invite colleagues once the profile is submitted to the moderators.
hint-invite-email = They will need to sign in with an account at this address to join the team.
workspace-team-leave = Leave the team
workspace-team-remove = Remove { $name }
err-team-last-member = You are the last person on the team: invite someone before leaving, or write to the site's team.
err-invite-not-submitted = Submit the profile to the moderators first: you can then invite colleagues.
err-structure-role-revoked = An administrator has removed your “organisation” role. To get it back, write to the site's team.
choose = — Choose —
field-structure-name = Name of the organisation
field-pitch = One-sentence presentation
hint-pitch = Between 10 and 160 characters: what you do, for whom.
field-description = Description (Markdown)
field-legal-form = Legal form
field-chatons-member = Member of the CHATONS collective
field-chatons-url = Address of your page on chatons.org
field-website = Website
field-contact-email = Contact address
hint-contact-email-private = Messages from the directory are forwarded to this address; it is never shown.
field-postcode = Postcode
field-commune = Town
hint-commune = Useful when several towns share this postcode.
field-national = We work all over France
field-remote = We work remotely
field-regions = Regions where you work
field-departements = Departments where you work
hint-departements = Codes separated by commas, for example: 35, 22, 2A, 974.
field-services = Services offered
field-software = Free software you master
field-audiences = Audiences
field-pricing = Pricing
field-price-info = Indicative prices
field-languages = Working languages
field-logo = Logo image
hint-logo = PNG, JPEG or WebP, 2 MB at most. It will be resized and its metadata removed.
field-invite-email = Email address of a colleague
err-structure-name = Enter the name of the organisation (at least 2 characters).
err-structure-name-long = The name must be at most 120 characters long.
err-pitch-short = Present the organisation in one sentence (at least 10 characters).
err-pitch-long = The presentation must be at most 160 characters long.
err-description-long = The description must be at most 20,000 characters long.
err-legal-form-required = Choose the legal form.
err-choice-invalid = This choice does not exist: pick one from the list.
err-url-required = Enter a web address.
err-url-invalid = This web address is not valid. Example: https://example.org
err-postcode-required = Enter the postcode.
err-postcode-unknown = This postcode does not exist. Check the 5 digits.
err-commune-choose = Several towns have this postcode: say which one.
err-departement-unknown = One of the department codes does not exist. Examples: 35, 2A, 974.
err-services-required = Choose at least one service.
err-price-info-long = Prices must fit in 2,000 characters.
err-logo-required = Choose an image.
err-logo-too-big = This image is larger than 2 MB. Choose a lighter one.
err-logo-type = This file is not a PNG, JPEG or WebP image.
err-logo-unreadable = This image could not be read. Try saving it again as PNG.
flash-structure-created = Your organisation's profile is created. Submit it to the moderators when it is ready.
flash-structure-saved = The profile is saved.
flash-structure-saved-review = The profile is saved. Changes to the name, pitch, description, web site, contact address, CHATONS membership or prices will be reviewed by the moderators.
flash-structure-submitted = Your profile has been sent to the moderators.
flash-logo-saved = The logo is saved.
flash-logo-saved-review = The logo is saved. The moderation team will see it and may put the previous one back.
flash-invite-sent = The invitation has been sent.
flash-team-joined = You are now part of the team.
flash-team-left = You have left the team.
flash-team-member-removed = The person has been taken off the team and told by email.
join-title = Join a team
join-text = You are invited to join the team of { $structure } on Emancip'Asso.
join-submit = Join the team
join-already = You are already part of an organisation's team.
join-other-address = This invitation was sent to another address than your account's, or your address is not confirmed yet. Sign in with the account of the invited address, or ask for an invitation to your account's address.
join-my-account = My account
account-structure = My organisation
account-structure-intro = Do you support associations? Present your organisation in the directory.
mail-team-invite-subject = Join the team of { $structure } on Emancip'Asso
mail-team-invite-body =
    Hello,

    { $name } invites you to join the team of { $structure } on Emancip'Asso, to keep its directory profile up to date.

    Sign in (or create an account) with this address, { $email }, then open this link:

    { $link }

    This link is valid for 14 days, for the account of this address only.
mail-team-removed-subject = You are no longer on the team of { $structure }
mail-team-removed-body =
    Hello,

    You have been taken off the team of { $structure } on Emancip'Asso: you no longer have access to the organisation's workspace.

    If this is a mistake, write to the organisation's team or to the site's team.
home-search-label = Find an organisation to support you
home-search-hint = { $count ->
    [0] A need, a software, a town or a postcode.
    [one] { $count } recommended organisation. A need, a software, a town or a postcode.
   *[other] { $count } recommended organisations. A need, a software, a town or a postcode.
}
home-assos-cta = Browse the directory
home-structures-cta = Present my organisation
admin-taxonomies-title = Choice lists
admin-taxonomies-intro = The services, software, audiences, legal forms and pricing offered to organisations. A changed label shows at once on every profile.
admin-term-add = Add a choice
admin-term-kind = List
admin-term-add-submit = Add
admin-term-save = Save
admin-term-used = { $count ->
    [0] unused
    [one] { $count } profile
   *[other] { $count } profiles
}
term-kind-service = Services
term-kind-software = Software
term-kind-audience = Audiences
term-kind-legal_form = Legal forms
term-kind-pricing = Pricing
field-label-fr = French label
field-label-en = English label
err-label-short = The label must be at least 2 characters long.
err-label-long = The label must be at most 80 characters long.
err-term-taken = This choice already exists in this list.
flash-term-saved = The choice list is saved.

## Vetting and moderation
nav-moderation = Moderation
vetting-declare-title = Declare a support project
vetting-declare-intro = Name the association you supported and what you did. Its contact person will receive a link, valid for { $days } days, to confirm it and write a recommendation. Published recommendations make your organisation appear in the directory.
vetting-declare-submit = Send the recommendation request
vetting-declared = Declared projects
accompaniment-status-sent = link sent, waiting for an answer
accompaniment-status-confirmed = confirmed by the association
accompaniment-status-declined = the association says it did not happen
field-association-name = Name of the association
field-association-email = Email address of the association's contact person
hint-association-email = An address of the association, not of your team: they are the ones who confirm.
field-summary = What was done
field-period-start = Start (month)
field-period-end = End (month)
hint-month = For example 2025-03.
field-outcome = Outcome (optional)
field-recommendation = Your recommendation
field-reason = Reason (required to refuse)
vetting-answer-title = Recommend an organisation
vetting-answer-heading = Your support by { $structure }
vetting-answer-intro = { $structure } says it supported you. If that is right, your recommendation will help other associations trust it.
vetting-project = The project
vetting-period = Period
vetting-recommend-title = Your recommendation
vetting-recommend-submit = Send my recommendation
vetting-decline-intro = This project did not happen, or not with your association?
vetting-decline-submit = This support did not happen
vetting-own-heading = Recommend { $structure }
vetting-own-intro = Did your support organisation really help you? Say so: the recommendation will be published once checked by the moderators.
vetting-own-title = Recommendation not possible
vetting-link-title = This link is no longer valid
vetting-link-unknown = This link is unknown. Check that it was copied in full from the email.
vetting-link-used = This link has already been used: each link works only once.
vetting-link-expired = This link has expired. Ask the organisation to send you a new one.
vetting-thanks-title = Thank you for your recommendation
vetting-thanks-text = It will be published once checked by the moderators. You received an email with a link to withdraw it if you change your mind.
vetting-declined-title = Noted
vetting-declined-text = Thank you for telling us. The organisation is informed and no recommendation will be published.
vetting-withdraw-title = Withdraw my recommendation
vetting-withdraw-text = Do you want to withdraw your recommendation of { $structure }? It will no longer be published.
vetting-withdraw-submit = Withdraw my recommendation
vetting-withdraw-gone = This recommendation has already been withdrawn or does not exist.
vetting-withdrawn-title = Recommendation withdrawn
vetting-withdrawn-text = Your recommendation is no longer published.
directory-recommend = Recommend this organisation
criterion-listening = Listening to your needs
criterion-clarity = Clear explanations
criterion-autonomy = Autonomy gained
criterion-would-recommend = Would you recommend it to another association?
criterion-yes = yes
criterion-partly = partly
criterion-no = no
criterion-none = not given
err-association-name = Enter the name of the association (at least 2 characters).
err-association-name-long = The name must be at most 120 characters long.
err-summary-short = Describe what was done in a few sentences (at least 20 characters).
err-summary-long = The description must be at most 3,000 characters long.
err-month-required = Enter the month.
err-month-invalid = Write the month as 2025-03.
err-period-order = The end must come after the start.
err-period-future = This project has not started yet.
err-outcome-long = The outcome must be at most 3,000 characters long.
err-contact-is-team = This address belongs to your team: enter the supported association's address.
err-declare-not-submitted = Submit your organisation's profile to the moderators first: you can then ask for recommendations.
err-declare-monthly-cap = Your organisation has sent many recommendation requests in the last 30 days. Try again later.
err-recommendation-short = Tell in a few sentences what the organisation did for you (at least 30 characters).
err-recommendation-long = The recommendation must be at most 3,000 characters long.
err-criterion-required = Choose an answer.
err-too-many-recommendations = This address has already written many recommendations this month. Try again next month.
err-own-structure = You are on this organisation's team: you cannot recommend it yourself.
err-association-only = Only accounts attached to an association can recommend an organisation.
err-decision-invalid = This decision does not exist.
err-reason-required = Give the reason for the refusal: the person concerned will receive it.
err-reason-long = The reason must be at most 1,000 characters long.
err-already-decided = This item has already been handled by another moderator.
err-decision-stale = This item changed since you opened the queue: read it again below before deciding.
flash-accompaniment-sent = The recommendation request has been sent to the association.
flash-recommendation-sent = Thank you! Your recommendation will be published once checked.
flash-decision-saved = The decision is saved and the people concerned are told.
moderation-title = Moderation
moderation-sections = Queues
moderation-structures = Organisations to approve ({ $count })
moderation-recommendations = Recommendations to check ({ $count })
moderation-reports = Reports ({ $count })
moderation-empty = Nothing waiting.
moderation-approve = Approve
moderation-publish = Publish
moderation-reject = Refuse
moderation-handled = Handled
moderation-dismiss = Dismiss
moderation-anonymous = anonymous report
moderation-change-before = Approved:
moderation-change-after = Now:
moderation-change-empty = (empty)
moderation-change-yes = yes
moderation-change-no = no
moderation-changes-publish = Publish the changes
moderation-changes-refuse = Refuse the changes
moderation-changes-accept = Accept the changes
moderation-changes-revert = Restore the approved version
moderation-structure-changes = { $count ->
    [0] Profiles changed since approval
   *[other] Profiles changed since approval ({ $count })
}
moderation-structure-changes-live = Changed since approval, live
flag-same-domain = address on the organisation's own domain
flag-same-author = several recommendations from this address
flag-short = very short text
flag-no-accompaniment = no declared project
flag-free-mail = contact address at a free email provider
flag-from-team = answered from the network address, session or email address of a team member
flag-new-address = contact address never seen on the platform
flag-burst = many declarations from this organisation in a short time
report-reason-outdated = Outdated profile
report-reason-abuse = Abusive content
report-target-structure = organisation profile
report-target-recommendation = recommendation
admin-journal-title = Decision log
admin-journal-intro = Every moderation and administration decision, with who took it, when and why. This log cannot be changed.
admin-journal-empty = No decision yet.
admin-journal-when = Date
admin-journal-who = By
admin-journal-what = Action
admin-journal-target = Item
admin-journal-why = Reason
mail-accompaniment-subject = { $structure } asks you for a recommendation
mail-accompaniment-body =
    Hello,

    { $structure } says it supported { $association }:

    "{ $summary }"

    If that is right, you can confirm it and write a short recommendation. It will help other associations find an organisation they can trust:

    { $link }

    This link is valid for { $days } days and works only once. If this support did not happen, you can say so from the same page.
mail-accompaniment-declined-subject = Support not confirmed by { $association }
mail-accompaniment-declined-body =
    Hello,

    { $association } says the support you declared did not happen. No recommendation will be published.
mail-recommendation-received-subject = Your recommendation of { $structure }
mail-recommendation-received-body =
    Hello,

    Thank you for your recommendation of { $structure }. It will be published once checked by the moderators.

    If you change your mind, you can withdraw it at any time with this link:

    { $link }
mail-recommendation-published-subject = Your recommendation of { $structure } is published
mail-recommendation-published-body =
    Hello,

    Your recommendation of { $structure } is now shown in the directory. Thank you!
mail-recommendation-rejected-subject = Your recommendation of { $structure } was not published
mail-recommendation-rejected-body =
    Hello,

    The moderators did not publish your recommendation of { $structure }, for this reason:

    { $reason }
mail-recommendation-new-subject = New recommendation published for { $structure }
mail-recommendation-new-body =
    Hello,

    { $association } recommended { $structure } and the recommendation is now published in the directory.
mail-structure-approved-subject = The profile of { $structure } is approved
mail-structure-approved-body =
    Hello,

    The moderators approved the profile of { $structure }. It will appear in the directory as soon as a supported association recommends you: declare your support projects from your space.
mail-structure-rejected-subject = The profile of { $structure } was not approved
mail-structure-rejected-body =
    Hello,

    The moderators did not approve the profile of { $structure }, for this reason:

    { $reason }

    You can correct it from your space and submit it again.
mail-structure-changes-reverted-subject = The changes to the profile of { $structure } are undone
mail-structure-changes-reverted-body =
    Hello,

    The moderators restored the approved version of the profile of { $structure } (name, pitch, description, web site, contact address or CHATONS membership), for this reason:

    { $reason }

    You can edit the profile again from your space; changes to this information are reviewed by the moderators.
mail-report-handled-subject = Your report has been handled
mail-report-handled-body =
    Hello,

    Thank you for your report: the moderators have handled it.

    { $reason }
mail-report-dismissed-subject = Your report has been reviewed
mail-report-dismissed-body =
    Hello,

    Thank you for your report. After review, the moderators decided not to act on it:

    { $reason }
report-title = Report a recommendation
report-intro = Do you think the recommendation by { $association } is abusive or inaccurate? Tell us why: the moderators will check.
report-link = report
report-reason-inaccurate = Inaccurate information
report-reason-other = Other reason
field-report-reason = Reason
field-report-details = Explain in a few words
err-report-short = Explain in a few words (at least 10 characters).
err-association-email-required = Enter the email address of the association's contact person.
err-start-required = Enter the start month.
err-end-required = Enter the end month.
field-report-note = Note to the person who reported (optional)

## Ads

ads-action-withdraw = Withdraw from moderation (back to draft)
flash-ad-withdrawn = The ad left the moderation queue and is a draft again.
flash-ad-report-sent = Thank you, your report was sent to the moderation team.
mail-ad-joined-amount = It pledges { $amount }.
mail-comment-refused-subject = Your comment was not published
mail-comment-refused-body =
    Hello,

    Your comment on the ad “{ $title }” was not published, for this reason:

    { $reason }
ads-fact-software = Software
ads-fact-cost = Estimated cost
ads-fact-deadline = Deadline
home-ads-title = Latest ads
home-ads-all = { $count ->
    [0] See the ads
    [one] See the open ad
   *[other] See the { $count } open ads
}

nav-ads = Ads
ads-title = Ads
ads-intro = Associations' needs for free software, and the projects they fund together. Join an ad, offer your help or post your own.
ads-new = Post an ad
ads-feed = Atom feed of the ads
ads-search-label = Search the ads
ads-count = { $count ->
    [0] No ads
    [one] { $count } ad
   *[other] { $count } ads
}
ads-empty = No ad matches this search.
ads-facet-kind = Kind of ad
ads-facet-status = Status
ads-facet-software = Software
ads-facet-region = Region
ads-facet-other = Other criteria
ads-remote = Remote
ads-sort-newest = Newest
ads-sort-deadline = Nearest deadline
ads-sort-joined = Most supported
ads-deadline-short = deadline:
ads-associations = { $count ->
    [one] { $count } association
   *[other] { $count } associations
}
ads-pledged-short = { $amount } pledged
ads-pledged = { $amount } pledged
ads-of-target = of { $amount }
ads-progress = Share of the cost covered by pledges
ad-kind-besoin = Need
ad-kind-fonctionnalite = Feature to develop
ad-kind-accompagnement = Support
ad-kind-mutualisation = Sharing
ad-status-draft = Draft
ad-status-pending = Awaiting moderation
ad-status-published = Open
ad-status-funded = Funded
ad-status-in-progress = In progress
ad-status-done = Done
ad-status-closed = Closed
ad-status-expired = Expired
ad-status-refused = Refused
ad-status-removed = Removed
ads-back = ← All ads
ads-posted-by = Posted by { $association }
ads-decision-reason = Moderation reason
ads-close-reason = Reason for closing
ads-pending-notice = This ad is waiting for the moderation team; only you can see it.
ads-changes-waiting = Your changes of { $date } are waiting for the moderation team; meanwhile, the public page shows the approved version.
ads-draft-notice = This is a draft: nobody else can see it.
ads-description = Description
ads-offers-title = { $count ->
    [0] Offers
    [one] { $count } offer
   *[other] { $count } offers
}
ads-offers-none = No offers yet.
ads-offer-someone = Someone (no approved structure)
ads-pledge-someone = An association
ads-offer-accepted = Accepted offer
ads-offer-accept = Accept this offer
ads-offer-make = Make an offer
ads-offer-change = Change my offer
ads-offer-submit = Send the offer
ads-offer-withdraw = Withdraw my offer
ads-sign-in-to-offer = Sign in to make an offer
ads-comments-title = { $count ->
    [0] Questions and comments
    [one] { $count } comment
   *[other] { $count } comments
}
ads-comment-pending = awaiting moderation
ads-comment-submit = Post the comment
ads-sign-in-to-comment = Sign in to ask a question or comment
ads-funding = Co-funding
ads-target-accepted = Cost of the accepted offer
ads-target-estimated = Cost estimated by the association
ads-pledge-note = Pledges are public commitments, with no payment on the platform.
ads-join = Us too!
ads-pledge-own = Save our contribution
ads-pledge-update = Change our support
ads-pledge-withdraw = Withdraw our support
ads-joined-by = Associations involved
ads-details = At a glance
ads-place = Place
ads-accepted-cost = Accepted cost
ads-manage = Manage the ad
ads-edit = Edit the ad
ads-action-publish = Publish
ads-action-start = Start the project
ads-action-finish = Mark as done
ads-action-close = Close the ad
ads-action-extend = Extend the ad
ads-action-reopen = Reopen the ad
ads-expires-on = This ad expires on { $date }.
ads-follow-title = Follow
ads-follow = Follow this ad
ads-following = You get an email for every update.
ads-unfollow = Stop following
ads-sign-in-to-follow = Sign in to follow this ad
ads-report = Report this ad
ads-report-title = Report an ad
ads-report-comment-title = Report a comment
ads-new-title = Post an ad
ads-edit-title = Edit the ad
ads-new-intro = Describe your need simply: other associations can join it and organisations can make you an offer. You can save a draft and publish later.
ads-software-none = None in particular
ads-region-none = No region
ads-save-draft = Save the draft
ads-save = Save the changes
ads-mine-title = My ads
ads-mine-none = You have not posted an ad yet.
ads-unsubscribe-title = Stop following an ad
ads-unsubscribe-submit = Stop receiving emails about this ad
ads-unsubscribed = Done: you will no longer receive emails about this ad.
field-ad-kind = Kind of ad
field-ad-title = Title
hint-ad-title = One sentence saying what you are looking for, e.g. “A free tool to manage our memberships”.
hint-ad-association = The association you post for.
field-ad-body = Description
hint-markdown = Simple formatting is possible (Markdown): **bold**, lists with “-”, links.
field-ad-software = Software concerned
field-ad-software-other = Other software (optional)
hint-ad-software-other = If it is not in the list.
field-estimated-cost = Estimated cost in euros (optional)
hint-amount = In euros, without cents, e.g. 1500.
field-deadline = Deadline (optional)
hint-deadline = For example 31/12/2027.
field-ad-region = Region
field-ad-remote = Can be done remotely
field-ad-tags = Keywords (optional)
hint-ad-tags = Separated by commas, 8 at most.
field-offer-amount = Amount offered in euros
field-offer-timeframe = Time frame
hint-timeframe = For example “6 weeks” or “before summer”.
field-offer-message = Your offer
field-pledge-amount = Amount pledged in euros (optional)
hint-pledge = A non-binding pledge, settled outside the platform. Leave empty to simply join.
field-comment = Your question or comment
field-close-reason = Reason (optional)
field-ad-report-message = Explain in a few words (optional)
report-reason-spam = Advertising or spam
report-target-ad = ad
report-target-ad_comment = ad comment
moderation-ads = { $count ->
    [0] Ads
   *[other] Ads ({ $count })
}
moderation-comments = { $count ->
    [0] Comments
   *[other] Comments ({ $count })
}
moderation-ad-changes = { $count ->
    [0] Ads changed since approval
   *[other] Ads changed since approval ({ $count })
}
moderation-ad-changes-waiting = Changes waiting; the public page shows the approved version
moderation-ad-changes-live = Changed since publication, live
moderation-remove-ad = Remove the ad
moderation-remove-comment = Remove the comment
moderation-reported-comment = Reported comment:
err-ad-kind-required = Choose the kind of ad.
err-ad-title-short = The title must be at least 8 characters long.
err-ad-title-long = The title must be at most 120 characters long.
err-ad-body-short = Describe your need in at least 30 characters.
err-ad-body-long = The description must be at most 10,000 characters long.
err-ad-software-other-long = The software name must be at most 80 characters long.
err-ad-deadline-past = The deadline has passed: choose a future date.
err-ad-deadline-far = The deadline must be within the next five years.
err-ad-place-required = Choose a region or tick “Can be done remotely”.
err-ad-tag-long = Each keyword must be at most 30 characters long.
err-ad-tags-many = Eight keywords at most.
err-ad-transition = This action is not possible in the ad's current state.
err-ad-not-open = This ad no longer accepts support.
err-amount-invalid = Give an amount in figures, e.g. 1500.
err-amount-negative = The amount cannot be negative.
err-amount-whole = Give an amount in euros, without cents.
err-amount-zero = The amount must be greater than zero.
err-amount-too-large = The amount must be at most €1,000,000.
err-date-invalid = Give a valid date, e.g. 31/12/2027.
err-offer-amount-required = Give the amount of your offer.
err-offer-timeframe-required = Give a time frame.
err-offer-timeframe-long = The time frame must be at most 80 characters long.
err-offer-message-short = Describe your offer in at least 20 characters.
err-offer-message-long = The offer must be at most 3,000 characters long.
err-offer-own-ad = You cannot make an offer on your own ad.
err-offer-closed = This ad no longer accepts offers.
err-offer-accepted-fixed = Your offer was accepted: it can no longer be changed or withdrawn.
err-offer-cannot-accept = This offer cannot be accepted: another one may already have been, or the ad is no longer open.
err-pledge-author-stays = The association that posted the ad stays involved; close the ad if the need is gone.
err-comment-required = Write your comment.
err-comment-long = The comment must be at most 3,000 characters long.
err-comment-flood = You have posted many comments in a short time: wait a few minutes before trying again. Your text is kept below.
err-association-role-revoked = An administrator has removed your “association” role: you can no longer post or back an ad on behalf of an association. To get it back, write to the site's team.
err-ad-actions-flood = You have made many changes on this ad in a short time: wait a few minutes before trying again.
err-comment-not-public = This ad is not public: it cannot be commented on yet.
err-report-reason-required = Choose a reason.
flash-ad-draft-saved = Draft saved.
flash-ad-published = Your ad is published.
flash-ad-pending = Your ad was sent to the moderation team; you will get an email as soon as it is published.
flash-ad-saved = Changes saved.
flash-ad-changes-pending = Your changes are sent to the moderation team: the public page keeps the approved version until they are approved.
flash-ad-not-editable = This ad can no longer be edited.
flash-ad-status-changed = The ad's status was updated.
flash-ad-extended = The ad is extended.
flash-ad-reopened = The ad is open again.
flash-ad-joined = Thank you! Your association has joined this ad.
flash-pledge-updated = Your support is updated.
flash-pledge-withdrawn = Your support is withdrawn.
flash-offer-sent = Your offer was sent to the association.
flash-offer-updated = Your offer is updated.
flash-offer-withdrawn = Your offer is withdrawn.
flash-offer-accepted = Offer accepted. The people following the ad were told.
flash-comment-posted = Comment posted.
flash-comment-pending = Your comment will be published once the moderation team has read it.
flash-ad-followed = You follow this ad.
flash-ad-unfollowed = You no longer follow this ad.
mail-ad-approved-subject = Your ad is published: { $title }
mail-ad-approved-body =
    Hello,

    The moderation team published your ad “{ $title }”.

    { $url }
mail-ad-refused-subject = Your ad was not published: { $title }
mail-ad-refused-body =
    Hello,

    The moderation team did not publish your ad “{ $title }”, for this reason:

    { $reason }

    You can edit it and submit it again: { $url }
mail-ad-changes-accepted-subject = Your changes are published: { $title }
mail-ad-changes-accepted-body =
    Hello,

    The moderators approved your changes to the ad “{ $title }”: they are now public.

    { $url }
mail-ad-changes-refused-subject = Your changes were not published: { $title }
mail-ad-changes-refused-body =
    Hello,

    The moderators did not publish your changes to the ad “{ $title }”, for the following reason:

    { $reason }

    The ad stays online as it was approved. You can edit it again: { $url }
mail-ad-changes-reverted-subject = Your changes were undone: { $title }
mail-ad-changes-reverted-body =
    Hello,

    The moderators restored the previous version of your ad “{ $title }”, for the following reason:

    { $reason }

    { $url }
mail-ad-removed-subject = Your ad was removed: { $title }
mail-ad-removed-body =
    Hello,

    The moderation team removed your ad “{ $title }”, for this reason:

    { $reason }
mail-comment-removed-subject = Your comment was removed
mail-comment-removed-body =
    Hello,

    The moderation team removed your comment on the ad “{ $title }”, for this reason:

    { $reason }
mail-ad-joined-subject = { $association } joins your ad
mail-ad-joined-body =
    Hello,

    { $association } joins your ad “{ $title }”. { $amount }

    { $url }
mail-ad-offer-subject = New offer on “{ $title }”
mail-ad-offer-body =
    Hello,

    { $who } offers { $amount }{ $timeframe } on the ad “{ $title }”.

    { $url }

    To stop receiving emails about this ad: { $unsubscribe }
mail-ad-offer-accepted-subject = Offer accepted on “{ $title }”
mail-ad-offer-accepted-body =
    Hello,

    The offer of { $who } ({ $amount }) was accepted for the ad “{ $title }”.

    { $url }

    To stop receiving emails about this ad: { $unsubscribe }
mail-ad-comment-subject = New comment on “{ $title }”
mail-ad-comment-body =
    Hello,

    { $who } wrote on the ad “{ $title }”:

    { $comment }

    { $url }

    To stop receiving emails about this ad: { $unsubscribe }
mail-ad-status-subject = “{ $title }”: { $status }
mail-ad-status-body =
    Hello,

    The ad “{ $title }” is now: { $status }.

    { $url }

    To stop receiving emails about this ad: { $unsubscribe }
mail-ad-updates-subject = “{ $title }”: { $count } updates
mail-ad-updates-body =
    Hello,

    News about the ad “{ $title }”:

    { $updates }

    { $url }

    To stop receiving emails about this ad: { $unsubscribe }
mail-ad-update-status = The ad is now: { $status }.
mail-ad-update-offer = { $who } offers { $amount }{ $timeframe }.
mail-ad-offer-timeframe = {" "}(time frame: { $timeframe })
mail-ad-offer-someone = Someone
mail-ad-update-offer-accepted = The offer of { $who } ({ $amount }) was accepted.
mail-ad-update-comment = { $who } wrote: { $comment }
mail-ad-reminder-subject = Your ad expires soon: { $title }
mail-ad-reminder-body =
    Hello,

    Your ad “{ $title }” will expire on { $date }. If the need is still there, extend it in one click from its page:

    { $url }

ads-feed-title = Ads — { $site }
ads-feed-title-kind = Ads “{ $kind }” — { $site }
ads-feed-subtitle = The newest ads posted by associations: free-software needs, features to co-fund, calls for support, shared services.

## Self-diagnosis
nav-diagnosis = Self-assessment
diagnosis-title = Digital self-assessment
diagnosis-lead = About twenty questions in five short steps to see where your association stands, which free tools would replace those of the tech giants, and which structures of the directory can help you.
diagnosis-promise-steps = About five minutes, no account, no cookie, no personal data.
diagnosis-promise-plan = A level per theme, a grade from A to E and a tool-by-tool plan fitted to your budget and time.
diagnosis-promise-structures = The structures of the directory that work near you and know this software.
diagnosis-promise-private = A private link to your result, to print, download or pass on.
diagnosis-start = Start the assessment
diagnosis-step-1 = Your work tools
diagnosis-step-2 = Your tools for the public
diagnosis-step-3 = Your team
diagnosis-step-4 = Your constraints
diagnosis-step-5 = Where are you?
diagnosis-progress-label = Steps of the assessment
diagnosis-progress = Step { $step } of { $steps }
diagnosis-place-unsaid = I would rather not say
diagnosis-next = Next step
diagnosis-finish = See my result
diagnosis-previous = Previous step
diagnosis-draft-private = Your answers are kept at the address of this page for a week: keep it to come back later.
err-diagnosis-required = Choose an answer.
err-diagnosis-required-multi = Tick at least one answer, or "None of these".
err-diagnosis-none-alone = "None" does not go with another answer: untick one or the other.
err-diagnosis-department = This department does not exist: choose from the list.
diagnosis-result-title = Your self-assessment result
diagnosis-result-grade = Overall grade { $grade } ({ $score } out of 100).
diagnosis-result-before = At the previous assessment: grade { $grade } ({ $score } out of 100).
diagnosis-result-expires = It will be deleted on { $date }, with its link.
diagnosis-result-private = This page can only be reached with its link: keep it, and share it only with whom you choose.
diagnosis-download = Download (Markdown)
diagnosis-revise = Change my answers
diagnosis-sections-label = Parts of the result
diagnosis-profile-heading = Your profile by theme
diagnosis-weak-heading = Your weak points
diagnosis-plan-heading = Your tool-by-tool plan
diagnosis-structures-heading = Structures that can help you
diagnosis-table-caption = Level per theme, out of 100
diagnosis-theme = Theme
diagnosis-level = Level
diagnosis-grade = Grade
diagnosis-change = Change
diagnosis-not-counted = Not assessed
diagnosis-overall = Overall
diagnosis-plan-empty = You use none of the tech giants' tools we know of: well done!
diagnosis-plan-instead-of = Instead of { $tool }
diagnosis-difficulty-easy = Easy
diagnosis-difficulty-medium = Intermediate
diagnosis-difficulty-hard = Demanding
diagnosis-cost-label-free = Free
diagnosis-cost-label-low = A few euros a month
diagnosis-cost-label-paid = Budget needed
diagnosis-hint-easy = Picked up in an hour, nothing to install.
diagnosis-hint-medium = A few hours to set up, then some time for the team to adapt.
diagnosis-hint-medium-help = Get help to set it up: the structures below do it.
diagnosis-hint-hard = Needs technical skills and regular upkeep.
diagnosis-hint-hard-help = Demanding: leave installation and upkeep to a structure that knows it.
diagnosis-hint-time = With little time, change one tool at a time, starting with the simplest.
diagnosis-cost-free = Free of charge at a community host.
diagnosis-cost-low = A few euros a month at a host.
diagnosis-cost-low-nobudget = A few euros a month: ask for pay-what-you-can pricing or share the cost with other associations.
diagnosis-cost-paid = A subscription or a service to budget for.
diagnosis-cost-paid-nobudget = A budget to find: look for funding or a shared offer.
diagnosis-structures-none = No structure of the directory fits your plan yet. The directory is growing: come back soon, or browse it.
diagnosis-structures-no-place = You did not give your department: here are the structures that help remotely or across France.
diagnosis-structures-remote-fallback = No structure of the directory works near you for this plan yet: here are those that help remotely or across France.
diagnosis-structures-all = Browse the whole directory
diagnosis-match-department = works in your department
diagnosis-match-region = works in your region
diagnosis-match-national = works across France
diagnosis-match-remote = helps remotely
diagnosis-match-software = knows { $list }
diagnosis-match-services = offers { $list }
diagnosis-match-recommendations = { $count ->
    [one] 1 recommendation
   *[other] { $count } recommendations
}
diagnosis-and = and
diagnosis-and-more = { $count ->
    [one] 1 other
   *[other] { $count } others
}
diagnosis-result-made = Assessment of { $date }
diagnosis-result-version = questionnaire version { $version }
diagnosis-contact-with-result = Write to { $name } with this assessment
diagnosis-attach-label = Attach my self-assessment: the structure will see it in its workspace, without the private link.
diagnosis-shared-title = Self-assessments received
diagnosis-shared-intro = An association attached this result to its message. Only your structure's team sees it here.
diagnosis-shared-list-intro = The results associations attached to their messages, newest first.
diagnosis-shared-none = No self-assessment received yet.
diagnosis-shared-caption = Self-assessments attached to the messages received
diagnosis-shared-received = Received on
diagnosis-shared-department = Department
mail-contact-diagnosis = The association attached its digital self-assessment to this message. Sign in to your structure workspace to read it: { $link }
admin-diagnosis-title = Self-assessment questionnaire
admin-diagnosis-intro = The questionnaire in force, one part per box, one line per item, columns separated by tabs (like the files of content/diagnosis). Saving makes a new version: results already made keep theirs.
admin-diagnosis-themes = Themes
admin-diagnosis-themes-hint = slug, French label, English label, why it matters (fr, en), what next (fr, en)
admin-diagnosis-questions = Questions
admin-diagnosis-questions-hint = key, step (1 to 9), kind (tool, single, multi, place), need, question (fr, en), hint (fr, en)
admin-diagnosis-choices = Answers and weights
admin-diagnosis-choices-hint = question key, value, label (fr, en), weights "theme:points" from 0 to 3 separated by spaces
admin-diagnosis-grades = Grades
admin-diagnosis-grades-hint = letter, lowest score from 0 to 100, from the best to the last (which starts at 0)
admin-diagnosis-alternatives = Alternatives
admin-diagnosis-alternatives-hint = tool to leave, alternative, directory software (slug or empty), difficulty (easy, medium, hard), cost (free, low, paid), note (fr, en)
admin-diagnosis-line = Line { $line }:
admin-diagnosis-save = Save a new version
admin-diagnosis-versions = Versions of the questionnaire
admin-diagnosis-version = Version
admin-diagnosis-date = Date
admin-diagnosis-author = By
admin-diagnosis-note = Reason
field-diagnosis-note = Reason for the change
hint-diagnosis-note = It goes in the decision log.
flash-diagnosis-saved = The new version of the questionnaire is saved.
err-diagnosis-edit-note = Give the reason for the change.
err-diagnosis-edit-note-long = The reason fits on one line of at most 200 characters.
err-diagnosis-edit-lines = Some lines do not fit:
err-diagnosis-edit-columns = the number of columns does not match.
err-diagnosis-edit-theme = a theme without slug or label, or a slug twice.
err-diagnosis-edit-question = empty or repeated key, step outside 1 to 9, unknown kind or empty question.
err-diagnosis-edit-no-choices = this question has fewer than two answers.
err-diagnosis-edit-choice = unknown question, empty or repeated value, or invalid weight (unknown theme, points outside 0 to 3).
err-diagnosis-edit-grade = empty or repeated letter, or a score that does not decrease between 0 and 100.
err-diagnosis-edit-grades-zero = at least two grades are needed, the last at 0.
err-diagnosis-edit-alternative = unknown tool, empty name, software not in the directory, or unknown difficulty or cost.
admin-diagnosis-stats-title = Self-assessment statistics
admin-diagnosis-stats-results = { $count } results counted.
admin-diagnosis-stats-few = Fewer than { $min } results so far.
admin-diagnosis-stats-rule = Counts only, and no row under { $min } results.
admin-diagnosis-stats-csv = The same figures as open data (CSV)
admin-diagnosis-stats-tools = The tools associations could leave
admin-diagnosis-stats-tools-region = By region
admin-diagnosis-stats-tools-size = By size
admin-diagnosis-stats-grades = The grades
admin-diagnosis-stats-none = Nothing to show without going under the threshold.
admin-diagnosis-stats-group-1 = Region
admin-diagnosis-stats-group-2 = Size
admin-diagnosis-stats-tool = Tool
admin-diagnosis-stats-count = Results
diagnosis-markdown-link = Private link to this result:
