import { useState } from "react";
import { SelectField } from "../../components/Field.tsx";
import { Page } from "../../components/Page.tsx";
import { Tabs } from "../../components/Tabs.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useCan } from "../../lib/me.ts";
import { PERIODS, type Period, type ThemeInput } from "../../lib/themes.ts";
import { ThemeList } from "./theme-list.tsx";
import { ThemeReportSection } from "./theme-report.tsx";
import { ThemeSuggestions } from "./theme-suggestions.tsx";
import { ToneDisagreements } from "./tone-disagreements.tsx";

type TabId = "report" | "themes" | "suggestions" | "disagreements";

/**
 * What the comments say: the report per theme, the organisation's theme list, suggested new themes from comments
 * that match none, and comments whose words contradict their score.
 */
export function ThemesScreen() {
  const t = useT();
  const canManage = useCan("themes:manage");
  const canReadAnswers = useCan("responses:read");
  const [tab, setTab] = useState<TabId>("report");
  const [period, setPeriod] = useState<Period>("90");
  const [draft, setDraft] = useState<ThemeInput | null>(null);
  const tabs = [
    { id: "report", label: t("themes.tab.report") },
    { id: "themes", label: t("themes.tab.themes") },
    ...(canReadAnswers
      ? [
          { id: "suggestions", label: t("themes.tab.suggestions") },
          { id: "disagreements", label: t("themes.tab.disagreements") },
        ]
      : []),
  ];
  const startTheme = (theme: ThemeInput) => {
    setDraft(theme);
    setTab("themes");
  };
  return (
    <Page title={t("themes.title")}>
      <p>{t("themes.intro")}</p>
      <SelectField
        label={t("themes.period")}
        name="period"
        value={period}
        onChange={(e) => setPeriod(e.target.value as Period)}
      >
        {PERIODS.map((p) => (
          <option key={p} value={p}>
            {t("themes.period.days", { days: Number(p) })}
          </option>
        ))}
      </SelectField>
      <Tabs label={t("themes.title")} tabs={tabs} selected={tab} onSelect={(id) => setTab(id as TabId)}>
        {tab === "report" && <ThemeReportSection period={period} />}
        {tab === "themes" && (
          <ThemeList canManage={canManage} draft={draft} onDraftDone={() => setDraft(null)} />
        )}
        {tab === "suggestions" && (
          <ThemeSuggestions period={period} canManage={canManage} onStartTheme={startTheme} />
        )}
        {tab === "disagreements" && <ToneDisagreements period={period} />}
      </Tabs>
    </Page>
  );
}
