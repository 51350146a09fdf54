import { useT } from "../../i18n/use-t.ts";

type FlagsProps = { withheld: boolean; lowReliability: boolean; answers: number };

/** Words, not colours, for figures that are withheld or rest on few answers. */
export function ReliabilityFlag({ withheld, lowReliability, answers }: FlagsProps) {
  const t = useT();
  if (answers === 0) return <span className="dash-flag">{t("dash.noAnswers")}</span>;
  if (withheld) return <span className="dash-flag dash-flag-withheld">{t("dash.withheld")}</span>;
  if (lowReliability) return <span className="dash-flag">{t("dash.lowReliability")}</span>;
  return null;
}

/** A figure or, when withheld (null), the words "too few answers": never a zero. */
export function FigureText({ value, format }: { value: number | null; format: (v: number) => string }) {
  const t = useT();
  return value === null ? <span className="dash-withheld">{t("dash.withheld")}</span> : format(value);
}
