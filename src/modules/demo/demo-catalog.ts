/** Demo catalogue of a social-insurance-like agency (names in Estonian, English and Russian). */
export const DEMO_DEPARTMENTS = [
  { key: "service", name: "Klienditeeninduse osakond", parent: null },
  { key: "tallinn", name: "Tallinna teenindusbüroo", parent: "service" },
  { key: "tartu", name: "Tartu teenindusbüroo", parent: "service" },
  { key: "parnu", name: "Pärnu teenindusbüroo", parent: "service" },
  { key: "phone", name: "Infotelefon", parent: "service" },
  { key: "eservices", name: "E-teenuste osakond", parent: null },
] as const;

export const DEMO_SERVICES = [
  {
    key: "pension",
    type: "e_service",
    audience: "external",
    quality: 0.55,
    names: {
      et: "Vanaduspensioni taotlemine",
      en: "Applying for an old-age pension",
      ru: "Ходатайство о пенсии по старости",
    },
  },
  {
    key: "family",
    type: "customer_service",
    audience: "external",
    quality: 0.5,
    names: { et: "Peretoetused", en: "Family benefits", ru: "Семейные пособия" },
  },
  {
    key: "disability",
    type: "customer_service",
    audience: "external",
    quality: 0.15,
    names: { et: "Töövõime hindamine", en: "Work ability assessment", ru: "Оценка трудоспособности" },
  },
  {
    key: "infoline",
    type: "customer_service",
    audience: "external",
    quality: 0.4,
    names: { et: "Infotelefoni nõustamine", en: "Helpline counselling", ru: "Консультация по инфотелефону" },
  },
  {
    key: "portal",
    type: "e_service",
    audience: "external",
    quality: 0.3,
    names: { et: "Iseteenindusportaal", en: "Self-service portal", ru: "Портал самообслуживания" },
  },
  {
    key: "training",
    type: "training",
    audience: "internal",
    quality: 0.6,
    names: {
      et: "Teenindajate koolitus",
      en: "Customer service training",
      ru: "Обучение обслуживающего персонала",
    },
  },
  {
    key: "partners",
    type: "partner_relationship",
    audience: "partner",
    quality: 0.35,
    names: {
      et: "Koostöö omavalitsustega",
      en: "Cooperation with municipalities",
      ru: "Сотрудничество с самоуправлениями",
    },
  },
] as const;

export const DEMO_EMPLOYEES = [
  { name: "Mari Tamm", department: "tallinn", skill: 0.35 },
  { name: "Jaan Kask", department: "tallinn", skill: 0.1 },
  { name: "Kadri Saar", department: "tallinn", skill: 0.25 },
  { name: "Andres Mets", department: "tartu", skill: 0.2 },
  { name: "Liis Rebane", department: "tartu", skill: 0.3 },
  { name: "Tõnu Ilves", department: "parnu", skill: -0.05 },
  { name: "Piret Lepp", department: "parnu", skill: 0.15 },
  { name: "Olga Ivanova", department: "phone", skill: 0.25 },
  { name: "Marko Kuusk", department: "phone", skill: 0.0 },
  { name: "Helen Pärn", department: "phone", skill: 0.2 },
  { name: "Siim Oja", department: "eservices", skill: 0.1 },
  { name: "Triin Valk", department: "eservices", skill: 0.3 },
] as const;

/** Comments by group; {employee} is replaced with the employee's first name. */
export const DEMO_COMMENTS = {
  promoter: [
    "Väga meeldiv ja asjatundlik teenindus, {employee} selgitas kõik arusaadavalt. Aitäh!",
    "Sain vastuse kiiresti ja ei pidanud mitu korda helistama.",
    "{employee} oli väga abivalmis ja leidis mu probleemile lahenduse. Suur tänu!",
    "Taotluse esitamine oli lihtne, kõik vajalik oli ühel lehel.",
    "Быстро и вежливо, спасибо сотруднице {employee}.",
    "Teenindaja oli sõbralik ja kannatlik, tundsin, et minust hoolitakse.",
  ],
  passive: [
    "Üldiselt korras, aga ootamine võttis kaua aega.",
    "Vastus tuli, kuid oleksin oodanud selgemat selgitust otsuse kohta.",
    "Portaal töötab, aga vormis on liiga palju välju.",
    "Teenindus oli viisakas, ent pidin sama asja kaks korda selgitama.",
  ],
  detractor: [
    "Ootasin telefonil üle 20 minuti ja kõne katkes.",
    "Otsus tuli hilja ja keegi ei selgitanud, miks.",
    "Iseteeninduses ei saanud avaldust esitada, lehekülg andis vea.",
    "Kirjale vastati alles kuu aja pärast.",
    "Очень долго ждал ответа, никто не перезвонил.",
    "Info veebilehel ja telefonis oli vastuoluline.",
  ],
} as const;
