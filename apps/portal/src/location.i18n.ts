/** The location fields of the contact form in Finnish, Swedish and English (merged into the portal's dictionaries). */
import type { Dictionary } from "@yhteys/web";

export const locationFi = {
  "location.legend": "Missä?",
  "location.addressLabel": "Osoite tai paikka",
  "location.addressHint": "Esimerkiksi katuosoite, risteys tai puiston nimi.",
  "location.use": "Käytä sijaintiani",
  "location.locating": "Haetaan sijaintia…",
  "location.added": "Sijaintisi lisättiin viestiin ({lat}, {lon}).",
  "location.remove": "Poista sijainti",
  "location.removed": "Sijainti poistettiin viestistä.",
  "location.failed": "Sijaintia ei saatu. Voit kirjoittaa osoitteen tai paikan kenttään.",
  "location.outside": "Sijaintisi näyttää olevan Suomen ulkopuolella, joten sitä ei lisätty.",
  "location.unsupported": "Selaimesi ei osaa hakea sijaintia. Voit kirjoittaa osoitteen tai paikan kenttään.",
};

export const locationSv: Dictionary<keyof typeof locationFi> = {
  "location.legend": "Var?",
  "location.addressLabel": "Adress eller plats",
  "location.addressHint": "Till exempel en gatuadress, en korsning eller namnet på en park.",
  "location.use": "Använd min position",
  "location.locating": "Söker position…",
  "location.added": "Din position lades till i meddelandet ({lat}, {lon}).",
  "location.remove": "Ta bort positionen",
  "location.removed": "Positionen togs bort från meddelandet.",
  "location.failed": "Positionen kunde inte hämtas. Du kan skriva adressen eller platsen i fältet.",
  "location.outside": "Din position verkar vara utanför Finland, så den lades inte till.",
  "location.unsupported": "Din webbläsare kan inte hämta positionen. Du kan skriva adressen eller platsen i fältet.",
};

export const locationEn: Dictionary<keyof typeof locationFi> = {
  "location.legend": "Where?",
  "location.addressLabel": "Address or place",
  "location.addressHint": "For example a street address, a crossing or the name of a park.",
  "location.use": "Use my location",
  "location.locating": "Finding your location…",
  "location.added": "Your location was added to the message ({lat}, {lon}).",
  "location.remove": "Remove location",
  "location.removed": "The location was removed from the message.",
  "location.failed": "We could not get your location. You can type the address or place in the field.",
  "location.outside": "Your location seems to be outside Finland, so it was not added.",
  "location.unsupported": "Your browser cannot find your location. You can type the address or place in the field.",
};
