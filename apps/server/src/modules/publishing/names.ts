/**
 * Common first names and surnames in Finland (Finnish and Swedish), for finding names in text
 * that is about to be published. Not complete, and need not be: the handler reviews every text,
 * and greetings/signatures catch names that are not on the list.
 */

const firstNames = `
Aada Aapo Aaro Aarne Aatu Adam Aila Aili Aimo Aino Aki Aksel Akseli Albert Alex Alexander Alina Aliisa Alma Alva Amanda
Amelia Anders Andreas Anette Anita Anja Anna Anne Anneli Anni Annika Ansa Antero Anton Antti Ari Arja Armi Arto Arttu Arvo
Asko Astrid Atte Auli Aulis Aune Axel Birgitta Björn Bo Carina Carl Caroline Cecilia Christian Christina Daniel David Eeli
Eelis Eemeli Eemil Eero Eeva Eija Eila Eino Eija-Liisa Elias Elina Elisa Elisabet Elisabeth Eliel Ella Ellen Elli Elsa Emil
Emilia Emma Emmi Erik Erika Erkki Esa Esko Ester Eva Fanny Felix Frans Fredrik Gunilla Gustav Hanna Hannele Hannu Harri
Heidi Heikki Heini Heino Helena Heli Hellevi Helmi Helvi Henna Henri Henrik Henrika Hilda Hilja Hilkka Hugo Ida Iida Iiris
Ilari Ilkka Ilona Inga Inger Irja Irma Irmeli Isak Isabella Jaakko Jaana Jan Janne Jari Jarkko Jarmo Jenna Jenni Jere Jesse
Joel Johan Johanna Johannes Jonas Jonna Joni Jorma Josefiina Jouko Jouni Juha Juhani Juho Jukka Julia Jussi Jutta Jyrki
Kaarina Kaija Kaisa Kalervo Kalle Kari Karin Kasper Katariina Kati Katja Kerttu Kimmo Kirsi Kirsti Kristian Kristiina
Kurt Kustaa Kyllikki Lars Lassi Lauri Laura Leena Leevi Leila Lenita Leo Liisa Lilja Linda Linnea Lotta Lucas Ludvig Magnus
Maija Maire Maj Marja Marjatta Marjo Marjut Markku Marko Markus Martin Martta Matias Matilda Matti Mauri Merja Mervi Mika
Mikael Mikko Milla Minna Mirja Mirjami Miro Mona Niilo Niina Niklas Nils Noora Oili Olavi Oliver Olli Oona Oskar Oskari
Otto Outi Paavo Pasi Patrik Pauli Paula Pekka Pentti Per Pertti Peter Petri Petra Petteri Pia Pirjo Pirkko Päivi Raija
Raimo Raili Ralf Rasmus Reijo Riikka Riitta Rolf Ronja Ruth Saara Sakari Samuel Sami Sanna Santeri Sara Sari Satu Seppo
Siiri Simo Sirkka Sirpa Sofia Sofie Sonja Stefan Stina Susanna Suvi Svante Taina Taisto Tapani Tapio Tarja Teemu Terhi
Tero Terttu Tiina Timo Tomi Tommi Toni Tove Tuomas Tuomo Tuula Tuulikki Tyyne Ulla Ulf Unto Urho Urpo Valtteri Veera Veikko
Veli Venla Vesa Viljo Ville Vilma Vilhelmiina Viivi Väinö Yrjö Aleksi Aleksanteri Helka Elmeri Onni Eetu Oiva Toivo
Jenny Johanne Karl Kerstin Maria Marianne Mats Mattias Ola Rebecka Sten Ulrika Viktor Wilhelm William
`;

const surnames = `
Aalto Aaltonen Ahlroos Ahola Aho Ahonen Alanen Andersson Anttila Antikainen Backman Berg Bergström Björklund Blomqvist
Eklund Ekström Eriksson Forsman Forsström Grönlund Grönroos Gustafsson Hakala Halonen Hakkarainen Hannula Harju Hartikainen
Heikkilä Heikkinen Heino Heinonen Helenius Hietala Hiltunen Hirvonen Holm Holmberg Holmström Huttunen Hyvönen Häkkinen
Hämäläinen Ikonen Immonen Jaakkola Johansson Jokela Jokinen Juntunen Jussila Juvonen Järvinen Kallio Karjalainen
Karppinen Karvonen Kauppinen Kettunen Kiiski Kinnunen Kivelä Kivinen Koivisto Koivula Kokkonen Kolehmainen Korhonen
Korpela Koskela Koskinen Kumpulainen Kurki Kuusisto Kärkkäinen Laaksonen Lahtinen Laine Laitinen Lampinen Lehtinen
Lehto Lehtonen Leinonen Lindberg Lindholm Lindqvist Lindroos Lindström Lundqvist Lundström Lyytikäinen Malinen Manninen
Mattila Miettinen Mikkonen Moilanen Mustonen Mäkelä Mäki Mäkinen Mäkipää Niemelä Niemi Nieminen Niskanen Nurmi Nurminen
Nyberg Nylund Nyström Ojala Oksanen Ollila Palm Partanen Pelkonen Peltonen Penttinen Pesonen Pietilä Pitkänen Pohjola
Pulkkinen Purhonen Pynnönen Räsänen Rantala Rantanen Riihimäki Rinne Rissanen Rosenberg Ruotsalainen Saarinen Saari
Salminen Salo Salonen Savolainen Seppälä Sirola Sjöberg Sjöblom Soininen Strand Sundberg Sundström Suominen Svensson
Söderberg Söderholm Tamminen Tanskanen Toivonen Tuominen Turunen Tikkanen Turpeinen Ukkonen Vainio Valtonen Vartiainen
Viitanen Virtanen Vuorinen Väisänen Wikström Wallin Westerlund Ylönen Åberg Öhman Östman Meikäläinen Mannila Räty
Honkanen Huhtala Hyttinen Hänninen Kemppainen Kesäläinen Kiiskinen Kokko Lappalainen Launonen Leppänen Louhivuori
Mustakallio Nousiainen Nykänen Ojanen Parkkinen Pekkarinen Pennanen Piirainen Puustinen Raatikainen Rautio Ruokonen
Ryynänen Sirviö Suhonen Tervo Tolonen Tuovinen Vesterinen Vilén Vähä Ylitalo
`;

const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

export const FIRST_NAMES: ReadonlySet<string> = words(firstNames);
export const SURNAMES: ReadonlySet<string> = words(surnames);
