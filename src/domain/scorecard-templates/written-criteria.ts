import type { CriterionRow } from "./build.ts";

// The e-mail and self-service models (Lisa 4) share these criteria word for word.

export const writtenContentRows: readonly CriterionRow[] = [
  ["Tänan klienti saadetud kirja eest, kui on tegemist vastuskirjaga.", 0.5],
  [
    "Kui sul on abiks olemasolevad tüüpvastused, siis vajadusel kohanda need konkreetsele kirjale sobivaks. Erinevate sissejuhatuste kasutamine muudab kirja kliendile personaalseks.",
    1,
  ],
  ["Kui klient on küsimused nummerdanud, siis on mõistlik vastata samas stiilis.", 0.5],
  [
    "Kui kliendi kiri on mitmeti mõistetav, siis sõnasta kliendi kirja mõte ümber nii, nagu sina sellest aru saad.",
    1,
  ],
  [
    "Kui kliendi kirjas on konkreetsele küsimusele vastamiseks vähe informatsiooni, siis küsi lisainfot. Olenevalt küsimusest võid seda teha telefoni teel ning vastuskirjas viitad telefoni teel saadud lisainfole.",
    1,
  ],
  ["Vajadusel viita kodulehele lisainfo saamiseks.", 0.5],
  ["Vastus kliendi pöördumise sisule on tuginev kehtivatele juhendmaterjalidele ning seadusandlusele.", 5],
  ["Selgita kliendile võimalusi ja edasisi samme.", 1],
  ["Vastus on antud ilma kirjavigadeta.", 1],
  ["Kasuta kõiki vajalikke andmebaase/ programme, et anda kliendile täielik vastus.", 1],
  [
    "Anna alati lisainfo, mis on kliendile oluline ja vajalik teada, kuid mis ei haaku otseselt kliendi põhiküsimusega.",
    1,
  ],
  [
    "Kui soovitan kliendil täiendavalt ühendust võtta teise ameti või asutusega, siis lisa kirjale juurde vastavad kontaktandmed ja veebilehe aadress (nt Töötukassa, Politsei- ja Piirivalveamet, Sotsiaalkindlustusamet).",
    1,
  ],
];

export const writtenStyleRows: readonly CriterionRow[] = [
  ['Pöördun kliendile "Teie" vormis.', 1],
  ['Eitavad küsimused sõnasta ümber (nt "ega te ei soovi" asenda sõnadega "kas te soovite").', 1],
  ["Iga mõte on kirjas uues lõigus.", 1],
  [
    'Kirjatoon on viisakas ning mitte süüdistav ega üleolev. Tooni pehmendamiseks kasuta positiivselt mõjuvaid sõnu („kindlasti“, „muidugi“, "tänan", "väga meeldiv" jne).',
    1,
  ],
  ["Tingiva kõneviisi kasutamine (peaks, võiks, teeks) jätab kliendile ebakompetentse mulje.", 0.5],
  [
    "Kliendile vastamisel üritan vältida kantseliidi kasutamist, selgitan seaduse sätteid lihtsas keeles ja võõrsõnad sõnasta ümber kliendile arusaadavasse keelde.",
    1,
  ],
  ["Vabandan, kui vastus on viibinud.", 1],
  ["Vabandan, kui kliendil on tekkinud probleem SKA süül.", 1],
];

/** The closing criteria both models share; each model then adds its own signature criterion. */
export const writtenClosingRows: readonly CriterionRow[] = [
  [
    "Kirjuta edaspidised tegevused nii kliendi kui ka SKA vaates, mis on vajalikud lahenduse leidmiseks/otsuse tegemiseks.",
    1,
  ],
  ["Teavitan klienti SKA menetlustähtaegadest.", 1],
  [
    'Julgusta klienti uuesti SKA poole pöörduma (nt "Kui Teil tekib täiendavaid küsimusi, palun pöörduge uuesti, aitame Teid meeleldi."; "Kui Teil on täiendavaid küsimusi, siis oleme meeleldi valmis vastama.").',
    0.5,
  ],
];
