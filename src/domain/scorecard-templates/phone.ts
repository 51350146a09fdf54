import { type ScorecardTemplate, section } from "./build.ts";

/**
 * SKA phone listening sheet. The directive names its three criteria groups (suhtlemisoskus, kõne struktuur,
 * asjatundlikkus) but does not print the sheet, so the criteria below are the phone rules of Lisa 3 and §2.2,
 * quoted verbatim; maxima and the 30/20/50 weights are Kaja's defaults, mirroring the face-to-face model where
 * expertise weighs most. Organisations should replace them with their own sheet.
 */
export const phoneTemplate: ScorecardTemplate = {
  key: "ska_phone",
  title: "Kõne kuulamise ja analüüsimise leht",
  channel: "phone",
  sourceNote:
    "Rühmad: SKA käskkiri 13.10.2024 nr 137, Lisa 3. Kriteeriumid Lisa 3 ja p 2.2 juhistest; osakaalud ja maksimumid on Kaja vaikeväärtused.",
  sections: [
    section("communication", "Suhtlemisoskus", 30, [
      ["Teenistuja teenindab infotelefonile helistanud klienti asjatundlikult, viisakalt ja abivalmilt", 1],
      ["Teenistuja suhtleb parajas tempos ja kõnekeeles, et (sise)klient jõuab vestluse mõtet jälgida.", 1],
      [
        "Teenistuja pöörab erilist tähelepanu kliendile, kellel on raskusi küsimuste esitamise või eneseväljendamisega",
        1,
      ],
      ["Vestluses esitab korrektseid ja paikapidavaid argumente, kasutab arusaadavaid termineid", 1],
      [
        "Teenistuja on valmis selleks, et klient võib väljendada negatiivseid emotsioone ja esitada küsimusi, mis ei puuduta kõne teemat. Sellisel juhul tuleb vestlus juhtida kindlalt, aga sõbralikult tagasi algsele teemale",
        1,
      ],
    ]),
    section("structure", "Kõne struktuur", 20, [
      ["Kõnet alustades teenistuja tervitab klienti ja teatab oma ees- ja perekonnanime", 1],
      ["Teenistuja kuulab ära kliendi küsimuse, vajadusel täpsustab küsimuse sisu ja asjaolusid", 1],
      ["Otsides andmebaasidest (sise)kliendile infot, annab teenistuja teada, mida parasjagu teeb", 1],
      [
        "Kui funktsionaalsus lubab panna kõne „ootele“, siis teenistuja kasutab seda, kui on vajadus kolleegiga konsulteerida ja annab kliendile teada, et jätab ta ootele",
        0.5,
      ],
      ["Teenistuja lõpetab kõne meeldiva sooviga", 0.5],
      [
        "Teenistuja teeb kõnest kokkuvõtte ja lõpetab kõne, kuid kindlasti ei kasuta väljendit „Nägemist!“",
        1,
      ],
    ]),
    section("expertise", "Asjatundlikkus", 50, [
      ["Nõustab klienti oma pädevuse piires, andes ammendavaid selgitusi", 5],
      [
        "Kui vastamine eeldab kliendile tema eriliigiliste isikuandmete väljastamist, on teenistuja kohustatud enne vastamist kliendi isiku tuvastama",
        1,
      ],
      [
        "Isiku tuvastamiseks esitab teenistuja vähemalt 3 kontrollküsimust eeldusel, et küsimustele saab vastata ainult see isik, kellena klient end esitles (nimi või isikukood ei ole piisavaks aluseks isiku tuvastamisel)",
        1,
      ],
      [
        "Vajadusel teenistuja suunab kõne SKA vastavale struktuuriüksusele või helistab ise pärast vastuse kooskõlastamist kokkulepitud ajal kliendile tagasi",
        1,
      ],
      [
        "SKA tegevusvaldkonda mittepuutuva küsimuse korral annab teenistuja kliendile juhiseid pöördumiseks pädeva asutuse poole ja võimalusel vajaliku infotelefoni numbri",
        1,
      ],
      [
        "Teenistuja ei avalda kliendile oma isiklikku arvamust seadustest ja muudest õigusaktidest tulenevate nõuete või tingimuste kohta",
        1,
      ],
    ]),
  ],
};
