// Estonian has no stemmer in a maintained npm package (Snowball's Estonian algorithm is not in the JavaScript
// ports), so Kaja strips endings itself: one case or verb ending, then one plural or derivation marker. The
// stem is for matching only (theme keys are compared by prefix, see theme-match.ts), so stems need not be
// words; consonant gradation (järjekord → järjekorra) is handled by the matcher, not here.

/** Case endings (singular and plural), verb endings and common derivations, longest first. */
const ENDINGS = [
  "mistesse",
  "mistega",
  "mistele",
  "mistest",
  "misega",
  "misele",
  "misest",
  "mistel",
  "mises",
  "misel",
  "mist",
  "mise",
  "mine",
  "takse",
  "maks",
  "mast",
  "mata",
  "sime",
  "site",
  "vad",
  "nud",
  "tud",
  "dud",
  "sse",
  "des",
  "tes",
  "ega",
  "sin",
  "sid",
  "mas",
  "ks",
  "lt",
  "le",
  "ni",
  "na",
  "ta",
  "ga",
  "st",
  "ma",
  "da",
  "me",
  "te",
  "ti",
  "id",
  "l",
  "s",
  "d",
  "t",
  "b",
  "n",
] as const;

/** Plural and derivation markers left after the ending, e.g. töötaja-te-le, inimes-te-ga. */
const MARKERS = ["likult", "lik", "sti", "de", "te", "mis", "mi"] as const;

const MIN_STEM = 3;

function strip(word: string, suffixes: readonly string[]): string {
  for (const suffix of suffixes) {
    const min = suffix.length === 1 ? MIN_STEM + 1 : MIN_STEM;
    if (word.endsWith(suffix) && word.length - suffix.length >= min) return word.slice(0, -suffix.length);
  }
  return word;
}

/** The matching stem of an Estonian word (lower case). */
export function stemEstonian(word: string): string {
  if (word.length <= MIN_STEM + 1) return word;
  return strip(strip(word, ENDINGS), MARKERS);
}
