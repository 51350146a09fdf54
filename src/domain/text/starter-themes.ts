import type { TTextLanguage } from "./languages.ts";

/** A theme: a stable key, its name and its keywords (words or phrases) per language. */
export interface TThemeDefinition {
  key: string;
  names: Record<TTextLanguage, string>;
  keywords: Record<TTextLanguage, string[]>;
}

const list = (words: string) => words.split("|");

/** The starter set for public services, copied into an organisation and edited there. */
export const STARTER_THEMES: readonly TThemeDefinition[] = [
  {
    key: "waiting",
    names: { et: "Ootamine ja kiirus", ru: "Ожидание и скорость", en: "Waiting and speed" },
    keywords: {
      et: list(
        "ootama|ootamine|ooteaeg|järjekord|kaua|pikk|kiire|kiiresti|aeglane|viivitus|venima|minutit|tunni|tundi|menetlus|kohe|nädalat",
      ),
      ru: list(
        "очередь|ждать|ожидание|ожидать|долго|быстро|быстрый|медленно|задержка|минута|час|затянуть|затянулось|рассмотрение|срок|месяц|сразу",
      ),
      en: list(
        "wait|waiting|queue|long|slow|quick|quickly|fast|delay|minutes|hours|ages|took|immediately|eternity|forever|weeks|months|on the spot|straight away",
      ),
    },
  },
  {
    key: "staff",
    names: { et: "Teenindaja suhtumine", ru: "Отношение сотрудников", en: "Staff attitude" },
    keywords: {
      et: list(
        "viisakas|ebaviisakas|sõbralik|ebasõbralik|abivalmis|suhtumine|teenindaja|töötaja|ametnik|klienditeenindaja|lahke|ülbe|tõrjuv|kannatlik|naeratus|konsultant|nõustaja",
      ),
      ru: list(
        "вежливый|грубый|грубо|приветливый|доброжелательный|отношение|сотрудник|сотрудница|специалист|работник|консультант|хамство|внимательный|равнодушный|улыбка|терпеливый|отзывчивый|приятный|улыбчивый|любезный|профессиональный|дружелюбный|чиновник|чиновница|служащий|служащая|злой|невежливый|компетентный|безразлично",
      ),
      en: list(
        "polite|rude|friendly|unfriendly|helpful|attitude|staff|employee|officer|clerk|smile|patient|kind|courteous|dismissive|consultant|official|advisor|gentleman|lady|welcome|welcoming|shouted|yelled|caring|empathetic|competent|unprofessional",
      ),
    },
  },
  {
    key: "information",
    names: { et: "Info selgus", ru: "Ясность информации", en: "Clarity of information" },
    keywords: {
      et: list(
        "info|informatsioon|teave|selgitus|selgitama|selge|ebaselge|arusaadav|arusaamatu|segane|juhend|juhis|vorm|kiri|dokument|põhjendus|teavitus|ülevaade|tõend|küsimus|vastuoluline",
      ),
      ru: list(
        "информация|объяснить|разъяснение|понятно|понятный|непонятно|непонятный|инструкция|бланк|форма|письмо|запутанный|ясно|документ|обоснование|путаница|справка|параграф|разъяснить|информативный|уведомление",
      ),
      en: list(
        "information|explain|explanation|explained|clear|unclear|confusing|instructions|form|letter|understand|document|justification|overview|certificates|guide|notice|notification|jargon|contradicts",
      ),
    },
  },
  {
    key: "eservice",
    names: { et: "E-teenuse kasutamine", ru: "Удобство э-услуги", en: "E-service usability" },
    keywords: {
      et: list(
        "e-teenus|veebileht|koduleht|portaal|iseteenindus|keskkond|internet|veeb|rakendus|sisselogimine|id-kaart|mobiil-id|smart-id|klikk|nupp|e-teenindus|süsteem|fail|lehekülg|leht|link|veateade",
      ),
      ru: list(
        "сайт|портал|онлайн|электронный|э-услуга|приложение|интернет|войти|вход|самообслуживание|id-карта|кнопка|страница|подпись|система|файл|ссылка",
      ),
      en: list(
        "website|site|portal|online|e-service|app|login|log in|logging in|internet|self-service|web page|click|button|system|upload|signing|technical|mobile-id|smart-id|id card|links",
      ),
    },
  },
  {
    key: "hours",
    names: {
      et: "Lahtiolekuajad ja aja broneerimine",
      ru: "Часы работы и запись",
      en: "Opening hours and booking",
    },
    keywords: {
      et: list(
        "lahtiolekuaeg|lahtiolekuajad|avatud|suletud|tööaeg|broneerima|broneering|vastuvõtuaeg|laupäev|nädalavahetus|õhtul|hommikul|aeg kinni",
      ),
      ru: list(
        "часы работы|график|открыт|закрыт|выходные|суббота|вечером|запись|записи|записаться|время приема|время приёма|время работы|утром|перерыв",
      ),
      en: list(
        "opening hours|opening times|open|closed|weekend|saturday|evening|morning|lunch|appointment|booking|book|slot",
      ),
    },
  },
  {
    key: "phone",
    names: { et: "Telefoni teel kättesaadavus", ru: "Доступность по телефону", en: "Reaching us by phone" },
    keywords: {
      et: list(
        "telefon|helistama|kõne|infotelefon|liin|toru|tagasi helistama|läbi saama|automaatvastaja|telefonitsi",
      ),
      ru: list(
        "телефон|звонить|позвонить|дозвониться|звонок|линия|трубка|перезвонить|автоответчик|колл-центр|горячая линия",
      ),
      en: list("phone|call|telephone|hotline|helpline|get through|got through|call back|ring|on hold"),
    },
  },
];
