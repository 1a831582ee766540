/** Texts of the base map settings (content admin page, technical admins) in Finnish, Swedish and English (merged in admin.texts.ts). */
import type { Dictionary } from "@yhteys/web";

export const basemapFi = {
  "basemap.title": "Taustakartta",
  "basemap.intro":
    "Asukkaan lomakkeen ja palautekartan taustakartta. Ilman tiilipalvelun osoitetta kartalla on tasainen tausta ja merkit; lomake toimii aina myös ilman karttaa.",
  "basemap.crs": "Koordinaattijärjestelmä",
  "basemap.crs3857": "Web Mercator (EPSG:3857): XYZ-tiilet, esim. OpenStreetMap",
  "basemap.crs3067": "ETRS-TM35FIN (EPSG:3067): Maanmittauslaitoksen ja kaupunkien WMTS-palvelut",
  "basemap.tileUrl": "Tiilien osoitemalli",
  "basemap.tileUrlHint3857": "Esimerkiksi https://tiles.example.fi/{z}/{x}/{y}.png. Tyhjä: käytetään asennuksen oletusta.",
  "basemap.tileUrlHint3067":
    "WMTS: {z} = TileMatrix, {x} = TileCol, {y} = TileRow, esim. https://kartta.example.fi/wmts?SERVICE=WMTS&REQUEST=GetTile&LAYER=opaskartta&STYLE=default&FORMAT=image/png&TileMatrixSet=ETRS-TM35FIN&TileMatrix={z}&TileRow={y}&TileCol={x}. Tyhjä: käytetään asennuksen oletusta.",
  "basemap.attribution": "Lähdemerkintä",
  "basemap.attributionHint": "Näytetään kartan kulmassa, esim. © Maanmittauslaitos. Useimmat lisenssit vaativat sen.",
  "basemap.origin": "Tiilimatriisin origo (itä, pohjoinen)",
  "basemap.originHint": "Vasen yläkulma metreinä, esim. -548576, 8388608. Tyhjä: JHS 180 -taso (Maanmittauslaitoksen ETRS-TM35FIN).",
  "basemap.resolutions": "Resoluutiot (m/pikseli) tasoittain",
  "basemap.resolutionsHint": "Tasosta 0 alkaen, pienenevinä, esim. 8192, 4096, 2048 … 0.25. Tyhjä: JHS 180 -taso.",
  "basemap.saved": "Taustakartta tallennettu.",
} as const;

type Key = keyof typeof basemapFi;

export const basemapSv: Dictionary<Key> = {
  "basemap.title": "Bakgrundskarta",
  "basemap.intro":
    "Bakgrundskartan i invånarens formulär och på responskartan. Utan adress till en plattjänst visar kartan en jämn bakgrund och markörerna; formuläret fungerar alltid också utan karta.",
  "basemap.crs": "Koordinatsystem",
  "basemap.crs3857": "Web Mercator (EPSG:3857): XYZ-plattor, t.ex. OpenStreetMap",
  "basemap.crs3067": "ETRS-TM35FIN (EPSG:3067): Lantmäteriverkets och städernas WMTS-tjänster",
  "basemap.tileUrl": "Adressmall för plattorna",
  "basemap.tileUrlHint3857": "Till exempel https://tiles.example.fi/{z}/{x}/{y}.png. Tom: installationens standard används.",
  "basemap.tileUrlHint3067":
    "WMTS: {z} = TileMatrix, {x} = TileCol, {y} = TileRow, t.ex. https://kartta.example.fi/wmts?SERVICE=WMTS&REQUEST=GetTile&LAYER=opaskartta&STYLE=default&FORMAT=image/png&TileMatrixSet=ETRS-TM35FIN&TileMatrix={z}&TileRow={y}&TileCol={x}. Tom: installationens standard används.",
  "basemap.attribution": "Källhänvisning",
  "basemap.attributionHint": "Visas i kartans hörn, t.ex. © Lantmäteriverket. De flesta licenser kräver den.",
  "basemap.origin": "Plattmatrisens origo (öst, nord)",
  "basemap.originHint": "Övre vänstra hörnet i meter, t.ex. -548576, 8388608. Tom: JHS 180-nivån (Lantmäteriverkets ETRS-TM35FIN).",
  "basemap.resolutions": "Upplösningar (m/pixel) per nivå",
  "basemap.resolutionsHint": "Från nivå 0, minskande, t.ex. 8192, 4096, 2048 … 0.25. Tom: JHS 180-nivån.",
  "basemap.saved": "Bakgrundskartan har sparats.",
};

export const basemapEn: Dictionary<Key> = {
  "basemap.title": "Base map",
  "basemap.intro":
    "The base map of the resident's form and the feedback map. Without a tile service address the map shows a plain background and the markers; the form always works without the map too.",
  "basemap.crs": "Coordinate system",
  "basemap.crs3857": "Web Mercator (EPSG:3857): XYZ tiles, e.g. OpenStreetMap",
  "basemap.crs3067": "ETRS-TM35FIN (EPSG:3067): WMTS services of the National Land Survey and cities",
  "basemap.tileUrl": "Tile URL template",
  "basemap.tileUrlHint3857": "For example https://tiles.example.fi/{z}/{x}/{y}.png. Empty: the installation's default is used.",
  "basemap.tileUrlHint3067":
    "WMTS: {z} = TileMatrix, {x} = TileCol, {y} = TileRow, e.g. https://kartta.example.fi/wmts?SERVICE=WMTS&REQUEST=GetTile&LAYER=opaskartta&STYLE=default&FORMAT=image/png&TileMatrixSet=ETRS-TM35FIN&TileMatrix={z}&TileRow={y}&TileCol={x}. Empty: the installation's default is used.",
  "basemap.attribution": "Attribution",
  "basemap.attributionHint": "Shown in the corner of the map, e.g. © National Land Survey of Finland. Most licences require it.",
  "basemap.origin": "Tile matrix origin (easting, northing)",
  "basemap.originHint":
    "The top left corner in metres, e.g. -548576, 8388608. Empty: the JHS 180 grid (the National Land Survey's ETRS-TM35FIN).",
  "basemap.resolutions": "Resolutions (m/pixel) by level",
  "basemap.resolutionsHint": "From level 0, getting smaller, e.g. 8192, 4096, 2048 … 0.25. Empty: the JHS 180 grid.",
  "basemap.saved": "Base map saved.",
};
