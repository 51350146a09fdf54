// The message ids of the admin app: the Estonian catalogues are the reference. A new area's catalogue
// (`web/src/i18n/<area>/{et,en,ru,lv,lt}.json`) is loaded by `messages.ts` without changes there; add its
// Estonian file here so that its ids type-check.
import catalogueEt from "./catalogue/et.json" with { type: "json" };
import commentsEt from "./comments/et.json" with { type: "json" };
import dashboardEt from "./dashboard/et.json" with { type: "json" };
import et from "./et.json" with { type: "json" };
import followupEt from "./followup/et.json" with { type: "json" };
import groupEt from "./group/et.json" with { type: "json" };
import identityEt from "./identity/et.json" with { type: "json" };
import kpiEt from "./kpi/et.json" with { type: "json" };
import monthEt from "./month/et.json" with { type: "json" };
import praiseEt from "./praise/et.json" with { type: "json" };
import privacyEt from "./privacy/et.json" with { type: "json" };
import qualityEt from "./quality/et.json" with { type: "json" };
import themesEt from "./themes/et.json" with { type: "json" };

export type MessageId =
  | keyof typeof et
  | keyof typeof catalogueEt
  | keyof typeof commentsEt
  | keyof typeof dashboardEt
  | keyof typeof followupEt
  | keyof typeof groupEt
  | keyof typeof identityEt
  | keyof typeof kpiEt
  | keyof typeof monthEt
  | keyof typeof praiseEt
  | keyof typeof privacyEt
  | keyof typeof qualityEt
  | keyof typeof themesEt;
