/** Texts of the rich-text editor in Finnish, Swedish and English (merged into the console's dictionaries). */
import type { Dictionary } from "@yhteys/web";

export const editorFi = {
  "editor.toolbar": "Muotoilu",
  "editor.bold": "Lihavointi",
  "editor.italic": "Kursiivi",
  "editor.bullets": "Luettelo",
  "editor.numbers": "Numeroitu luettelo",
  "editor.link": "Linkki",
  "editor.unlink": "Poista linkki",
  "editor.linkAddress": "Linkin osoite",
  "editor.linkHint": "Verkko-osoite (https://…) tai sähköpostiosoite.",
  "editor.linkAdd": "Lisää linkki",
  "editor.linkCancel": "Peruuta",
  "editor.linkInvalid": "Anna verkko-osoite, joka alkaa https:// tai http://, tai sähköpostiosoite.",
  "editor.shortcuts":
    "Pikanäppäimet: Ctrl+B lihavointi, Ctrl+I kursiivi, Ctrl+K linkki, Ctrl+Vaihto+8 luettelo, Ctrl+Vaihto+7 numeroitu luettelo.",
};

export const editorSv: Dictionary<keyof typeof editorFi> = {
  "editor.toolbar": "Formatering",
  "editor.bold": "Fetstil",
  "editor.italic": "Kursiv",
  "editor.bullets": "Punktlista",
  "editor.numbers": "Numrerad lista",
  "editor.link": "Länk",
  "editor.unlink": "Ta bort länk",
  "editor.linkAddress": "Länkens adress",
  "editor.linkHint": "Webbadress (https://…) eller e-postadress.",
  "editor.linkAdd": "Lägg till länk",
  "editor.linkCancel": "Avbryt",
  "editor.linkInvalid": "Ange en webbadress som börjar med https:// eller http://, eller en e-postadress.",
  "editor.shortcuts": "Kortkommandon: Ctrl+B fetstil, Ctrl+I kursiv, Ctrl+K länk, Ctrl+Skift+8 punktlista, Ctrl+Skift+7 numrerad lista.",
};

export const editorEn: Dictionary<keyof typeof editorFi> = {
  "editor.toolbar": "Formatting",
  "editor.bold": "Bold",
  "editor.italic": "Italic",
  "editor.bullets": "Bulleted list",
  "editor.numbers": "Numbered list",
  "editor.link": "Link",
  "editor.unlink": "Remove link",
  "editor.linkAddress": "Link address",
  "editor.linkHint": "A web address (https://…) or an email address.",
  "editor.linkAdd": "Add link",
  "editor.linkCancel": "Cancel",
  "editor.linkInvalid": "Give a web address beginning with https:// or http://, or an email address.",
  "editor.shortcuts": "Shortcuts: Ctrl+B bold, Ctrl+I italic, Ctrl+K link, Ctrl+Shift+8 bulleted list, Ctrl+Shift+7 numbered list.",
};
