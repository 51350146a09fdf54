import type { TTextLanguage } from "./languages.ts";

const list = (words: string) => new Set(words.split("|"));

/** Frequent words that say nothing about a theme, left out when comments are clustered. */
export const STOP_WORDS: Record<TTextLanguage, Set<string>> = {
  et: list(
    "ja|ning|ei|on|oli|olid|olen|ole|see|seda|selle|et|kui|aga|kuid|mis|ma|mu|mind|mulle|minu|sa|te|teie|ta|ja|nad|me|meie|väga|ka|ikka|veel|siis|nii|kõik|üle|ühe|oma|pole|polnud|sain|saab|tuli|juba|mitte|ainult|küll|seal|siin|või|kas|kus|kuidas|miks|aitäh|tänan|hea|super|nagu|olema|oleks|sest|pärast|enne|kohe|uuesti|ehk",
  ),
  ru: list(
    "и|в|во|не|на|что|с|со|как|а|но|я|мне|меня|мой|моя|мы|вы|он|она|они|это|так|все|всё|же|бы|по|за|от|до|из|у|к|о|об|для|был|была|было|были|есть|очень|уже|ещё|еще|или|ни|да|нет|то|только|там|тут|спасибо|хорошо|вот|когда|чтобы|если|даже|при|без|себя|нас|вам|их",
  ),
  en: list(
    "the|a|an|and|or|but|to|of|in|on|at|for|with|was|were|is|are|be|been|i|me|my|we|you|it|its|they|them|he|she|this|that|there|very|so|too|all|had|have|has|not|no|do|did|does|just|only|got|get|thank|thanks|good|great|from|as|by|about|which|what|when|would|could|should|will|can|one|out|up",
  ),
};
