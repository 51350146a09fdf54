import type { TTextLanguage } from "./languages.ts";

/** Words that carry tone, per language (matched by stem like theme keywords), and the words that negate them. */
export interface TToneLexicon {
  positive: string[];
  negative: string[];
  /** A negator turns the tone of the words next to it around ("ei olnud hea", "не помогли"). */
  negators: string[];
}

const list = (words: string) => words.split("|");

export const TONE_LEXICONS: Record<TTextLanguage, TToneLexicon> = {
  et: {
    positive: list(
      "hea|suurepärane|super|tore|meeldiv|rahul|aitäh|tänan|tänud|kiire|kiiresti|abivalmis|sõbralik|viisakas|lahke|professionaalne|asjatundlik|selge|lihtne|mugav|korrektne|tubli|parim|kiitus|aitas|lahendati|sujus|sujuv|meeldis|hästi|kannatlik|arusaadav|mugavalt|sobiv|sobis|ruttu|tähelepanelik|põhjalik|konkreetne|täpne|laitmatu|imeline|soe|südamlik|kiirelt|välkkiire",
    ),
    negative: list(
      "halb|halvasti|kehv|kohutav|jube|pettunud|pettumus|rahulolematu|aeglane|aeglaselt|kaua|ebaviisakas|ebasõbralik|ülbe|tõrjuv|segane|keeruline|ebaselge|arusaamatu|viga|probleem|jama|mõttetu|kahjuks|vihane|solvav|lohakas|hoolimatu|puudulik|tüütu|raiskamine|katki|jäik|tõre|kärsitu|närviline|ükskõikne|külm|pahur|kuri|vale|võimatu|aegunud|vastuvõetamatu|lubamatu",
    ),
    negators: list("ei|pole|polnud|mitte|ära|ilma"),
  },
  ru: {
    positive: list(
      "хорошо|хороший|отлично|отличный|прекрасно|прекрасный|спасибо|благодарю|благодарность|доволен|довольна|вежливый|вежливо|приветливый|быстро|быстрый|удобно|удобный|понятно|понятный|помогли|помог|помогла|профессионально|профессиональный|молодцы|замечательно|рекомендую|легко|внимательный|внимателен|отзывчивый|любезный|вежлив|приятный|приятно|спокойный|понятны|подошло|терпеливый|удобное|точный|подробный|безупречно|чудесный|идеально|лучший",
    ),
    negative: list(
      "плохо|плохой|ужасно|ужасный|грубый|грубо|медленно|долго|неудобно|неудобный|непонятно|непонятный|сложно|сложный|разочарован|недоволен|недовольна|хамство|безобразие|ошибка|проблема|бесполезно|равнодушный|жаль|сожалению|невозможно|отвратительно|раздражает|запутанный|резкий|раздражённый|уставший|торопил|негибкий|нельзя|равнодушен|неверный|неправильный|устаревший|недопустимый|холодный|нервный",
    ),
    negators: list("не|нет|ни|без"),
  },
  en: {
    positive: list(
      "good|great|excellent|helpful|friendly|polite|quick|quickly|fast|easy|clear|thank|thanks|satisfied|pleased|happy|professional|efficient|smooth|kind|nice|perfect|best|wonderful|recommend|well|patient|courteous|brilliant|fantastic|simple|handy|suit|suited|pleasant|attentive|clearer|lovely|flawless|flawlessly|amazing|superb|warm|thorough|accurate|promptly",
    ),
    negative: list(
      "bad|poor|terrible|awful|rude|slow|long|confusing|unclear|difficult|frustrating|frustrated|disappointed|disappointing|useless|unhelpful|problem|error|broken|fail|failed|waste|unfortunately|annoying|complicated|dismissive|horrible|worst|ridiculous|rigid|impossible|rushing|vague|indifferent|cold|wrong|outdated|unacceptable|nervous|impatient|grumpy|angry|snappy|careless|pointless",
    ),
    negators: list("not|no|never|cannot|without|n't"),
  },
};

/** How many words next to a negator it turns around. */
export const NEGATION_WINDOW = 4;

/** Words that join a contrast ("good, but slow"): a one-sided comment with one of them reads as mixed. */
export const CONTRAST_WORDS: Record<TTextLanguage, string[]> = {
  et: list("aga|kuid|ent|samas|ainult|küll"),
  ru: list("но|однако|зато|только|хотя"),
  en: list("but|however|although|though|only|just"),
};
