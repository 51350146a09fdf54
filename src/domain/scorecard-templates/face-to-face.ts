import { type ScorecardTemplate, section } from "./build.ts";

/** SKA face-to-face counselling model (käskkiri nr 137, Lisa 2), criterion texts verbatim. */
export const faceToFaceTemplate: ScorecardTemplate = {
  key: "ska_face_to_face",
  title: "Nõustamise analüüsimise mudel",
  channel: "face_to_face",
  sourceNote: "SKA käskkiri 13.10.2024 nr 137, Lisa 2 (Klienditeeninduse juhend).",
  sections: [
    section("contact", "Kontakti loomine", 15, [
      ["Märkan klienti ja tervitan teda võimaluse korral esimesena", 1],
      ["Tervitades olen viisakas ja sõbralik ning annan kliendile tunde, et ta on oodatud", 1],
      ["Tutvustan ennast ning võimalusel pakun kliendile istet", 0.5],
      ["Tuvastan kliendi isikut tõendava dokumendi alusel", 1],
      ["Kui klient väljendab rahulolematust ooteaja osas, siis vabandan ja tänan teda ootamise eest", 1],
      ["Minu tähelepanu on suunatud kliendile", 1],
    ]),
    section("communication", "Suhtlemisoskus", 25, [
      ["Kuulan klienti ning esitan täpsustavaid küsimusi. Vajadusel teen märkmeid", 1],
      ['Kasutan sõnalist märguannet aktiivsest kuulamisest: „nii“, „jaa", „selge“, „mõistan“ jne', 1],
      [
        "Räägin selge diktsiooni ja meeldiva hääletooniga ning valin kliendile sobiva kõnetempo. Teen pause ja hoidun kliendi jutule vahele segamisest",
        1,
      ],
      [
        'Kasutan viisakusväljendeid: "palun“, „tänan“, „väga meeldiv“, „kas ma tohin täpsustada“. Olen sõbralik.',
        1,
      ],
      [
        "Kasutan kliendile tuttavaid sõnu. Väldin SKA lühendite, slängi, parasiit- ja kantseliitsõnade kasutamist",
        1,
      ],
      ["Olen kindel selles, mida räägin. Väldin oletamist", 1],
      [
        "Jään rahulikuks ka siis, kui klient kõigest kohe aru ei saa. Vajadusel kordan öeldut või selgitan teiste sõnadega",
        1,
      ],
      [
        "Ärritunud kliendilt küsin luba lahenduse pakkumiseks: „kuidas ma saan tekkinud olukorda parandada?“, „mida saan mina Teie heaks teha?“, „mul on tõesti kahju, et selline olukord/arusaamatus on tekkinud“",
        1,
      ],
      ["Vabandan kliendi ees kui rahulolematus on tekkinud SKA süül (vale info, menetlusviga jne)", 1],
    ]),
    // The source prints this title as "Nõustamine ja asjatundlikus"; the typo is corrected here.
    section("counselling", "Nõustamine ja asjatundlikkus", 50, [
      [
        "Nõustan vastavalt kliendi pöördumise sisule tuginedes kehtivatele juhendmaterjalidele ning seadusandlusele",
        5,
      ],
      ["Kliendi pöördumisest lähtuvalt kasutan kõiki selleks ettenähtud andmebaase ja programme", 5],
      ["Kliendi pöördumine ja sellega kaasnevad järeltegevused on korrektselt vormistatud", 5],
      [
        "Kaasan kliendile vastuse andmiseks vajadusel kolleege nii büroost kui teistest üksustest, et saada parim lahendus või vastus väikseima ajakuluga",
        1,
      ],
      [
        'Veendun, et klient on oma küsimus(-t)ele vastuse saanud: "kas Te saite oma küsimustele vastused?", "kas soovite veel midagi täpsustada?"',
        1,
      ],
      ["Ennetan kliendi küsimusi ja räägin lisainfot", 1],
      ["Vajadusel tutvustan kliendile SKA kodulehte ja iseteenindust", 1],
      ["Vajadusel annan teise ameti kontaktid", 0.5],
    ]),
    section("closing", "Vestluse lõpetamine", 10, [
      ["Kontakti lõpus kordan üle kokkulepped ja edasised sammud", 1],
      ["Vajadusel teavitan klienti SKA menetlustähtaegadest", 1],
      [
        "Lõpetan kontakti positiivselt ja ütlen kliendile midagi meeldivat “tänan, et meid külastasite”, „oli meeldiv!“, „soovin Teile ilusat päeva!“, „Kõike head Teile!“)",
        1,
      ],
      ["Vajadusel saadan kliendi ukseni", 0.5],
    ]),
  ],
};
