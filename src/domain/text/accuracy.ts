/** Precision, recall and F1 of one label over a set of items. */
export interface TLabelScores {
  label: string;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** Per-label scores of multi-label predictions against the truth (a label never predicted nor true scores 0). */
export function labelScores(labels: string[], truth: string[][], predicted: string[][]): TLabelScores[] {
  return labels.map((label) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    truth.forEach((t, i) => {
      const inTruth = t.includes(label);
      const inPrediction = predicted[i].includes(label);
      if (inTruth && inPrediction) tp++;
      else if (inPrediction) fp++;
      else if (inTruth) fn++;
    });
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    return {
      label,
      support: tp + fn,
      precision,
      recall,
      f1: ratio(2 * precision * recall, precision + recall),
    };
  });
}

/** The unweighted mean F1 over labels. */
export const macroF1 = (scores: TLabelScores[]) =>
  ratio(
    scores.reduce((s, x) => s + x.f1, 0),
    scores.length,
  );

/** Share of items whose predicted label equals the truth. */
export const accuracy = <T>(truth: T[], predicted: T[]) =>
  ratio(truth.filter((t, i) => t === predicted[i]).length, truth.length);
