/** Signing in in Finnish, Swedish and English (merged into the console's dictionaries). */
import type { Dictionary } from "@yhteys/web";

export const loginFi = {
  "login.title": "Kirjaudu asiointikonsoliin",
  "login.intro": "Yhteydenottojen käsittely kaupungin henkilöstölle.",
  "login.organisation": "Organisaatio",
  "login.organisationHint": "Kunnan tai organisaation tunnus, esimerkiksi tampere.",
  "login.organisationIs": "Organisaatio: {organisation}",
  "login.changeOrganisation": "Vaihda organisaatio",
  "login.email": "Sähköposti",
  "login.password": "Salasana",
  "login.submit": "Kirjaudu sisään",
  "login.submitting": "Kirjaudutaan…",
  "login.wrong": "Sähköpostiosoite tai salasana on väärä.",
  "login.throttled": "Liian monta epäonnistunutta kirjautumisyritystä. Yritä uudelleen {minutes} minuutin kuluttua.",
  "login.throttledSoon": "Liian monta kirjautumisyritystä. Odota hetki ja yritä uudelleen.",
  "login.expired": "Istuntosi on päättynyt. Kirjaudu uudelleen.",
  "login.signedOut": "Olet kirjautunut ulos.",
  "login.missing": "Täytä organisaatio, sähköposti ja salasana.",
};

export const loginSv: Dictionary<keyof typeof loginFi> = {
  "login.title": "Logga in i ärendekonsolen",
  "login.intro": "Handläggning av kontakter för stadens personal.",
  "login.organisation": "Organisation",
  "login.organisationHint": "Kommunens eller organisationens kod, till exempel tampere.",
  "login.organisationIs": "Organisation: {organisation}",
  "login.changeOrganisation": "Byt organisation",
  "login.email": "E-post",
  "login.password": "Lösenord",
  "login.submit": "Logga in",
  "login.submitting": "Loggar in…",
  "login.wrong": "E-postadressen eller lösenordet är fel.",
  "login.throttled": "För många misslyckade inloggningsförsök. Försök igen om {minutes} minuter.",
  "login.throttledSoon": "För många inloggningsförsök. Vänta en stund och försök igen.",
  "login.expired": "Din session har gått ut. Logga in igen.",
  "login.signedOut": "Du har loggat ut.",
  "login.missing": "Fyll i organisation, e-post och lösenord.",
};

export const loginEn: Dictionary<keyof typeof loginFi> = {
  "login.title": "Sign in to the service console",
  "login.intro": "Handling residents' contacts, for city staff.",
  "login.organisation": "Organisation",
  "login.organisationHint": "The code of your municipality or organisation, for example tampere.",
  "login.organisationIs": "Organisation: {organisation}",
  "login.changeOrganisation": "Change organisation",
  "login.email": "Email",
  "login.password": "Password",
  "login.submit": "Sign in",
  "login.submitting": "Signing in…",
  "login.wrong": "The email address or password is wrong.",
  "login.throttled": "Too many failed sign-ins. Try again in {minutes} minutes.",
  "login.throttledSoon": "Too many sign-in attempts. Wait a moment and try again.",
  "login.expired": "Your session has ended. Please sign in again.",
  "login.signedOut": "You have signed out.",
  "login.missing": "Fill in the organisation, email and password.",
};
