import { type FormEvent, useId, useRef, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Page } from "../../components/Page.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import { Tabs } from "../../components/Tabs.tsx";
import { useDateTime, useT } from "../../i18n/use-t.ts";
import { focusFirstInvalid, serverFieldErrors, type FieldErrors } from "../../lib/form.ts";
import { useActiveOrg, useCan } from "../../lib/me.ts";
import { cleanDefinition, withStandardTexts } from "../../lib/survey-editing.ts";
import { loadSurveyMessages, standardTexts, useSurveyMessages } from "../../lib/survey-messages.ts";
import {
  isSurveyLocale,
  type RecommendObject,
  SURVEY_LANGUAGE_NAMES,
  SURVEY_LOCALES,
  type Survey,
  type SurveyKind,
} from "../../lib/survey-types.ts";
import { useUpdateSurvey } from "../../lib/surveys.ts";
import { EditorLinks } from "./editor-links.tsx";
import { EditorSettings } from "./editor-settings.tsx";
import { EditorTexts } from "./editor-texts.tsx";
import { type Draft, describePath, validateDraft } from "./editor-validation.ts";
import { SurveyPreview } from "./survey-preview.tsx";

const draftOf = (s: Survey): Draft => ({
  name: s.name,
  kind: s.kind,
  slug: s.slug,
  definition: s.definition,
});
const same = (a: Draft, b: Draft) =>
  JSON.stringify({ ...a, definition: cleanDefinition(a.definition) }) ===
  JSON.stringify({ ...b, definition: cleanDefinition(b.definition) });

type SurveyEditorFormProps = { survey: Survey; created: boolean };

/** The editor's state (one draft object), the language tabs, saving, and the preview beside it. */
export function SurveyEditorForm({ survey, created }: SurveyEditorFormProps) {
  const t = useT();
  const date = useDateTime();
  const { org } = useActiveOrg();
  const canWrite = useCan("surveys:write");
  const form = useRef<HTMLFormElement>(null);
  const settingsId = useId();
  const textsId = useId();
  const previewId = useId();
  const [saved, setSaved] = useState(survey);
  const [draft, setDraft] = useState<Draft>(() => draftOf(survey));
  const [locale, setLocale] = useState(survey.definition.defaultLocale);
  const [status, setStatus] = useStatusMessage();
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const update = useUpdateSurvey(survey.id);
  const def = draft.definition;
  const previewLocale = isSurveyLocale(locale) ? locale : "et";
  const messages = useSurveyMessages(previewLocale);
  const errors = { ...serverFieldErrors(update.error), ...clientErrors };
  const dirty = !same(draft, draftOf(saved));
  const languageName = (code: string) => (isSurveyLocale(code) ? SURVEY_LANGUAGE_NAMES[code] : "");
  const tabs = [
    def.defaultLocale,
    ...SURVEY_LOCALES.filter((l) => l !== def.defaultLocale && def.locales.includes(l)),
  ];

  const setDefinition = (definition: Draft["definition"]) => setDraft((d) => ({ ...d, definition }));

  const onLocale = async (code: string, enabled: boolean) => {
    const locales = enabled ? [...def.locales, code] : def.locales.filter((l) => l !== code);
    setDraft((d) => ({ ...d, definition: { ...d.definition, locales } }));
    if (!enabled) {
      if (locale === code) setLocale(def.defaultLocale);
      return;
    }
    if (!isSurveyLocale(code)) return;
    const m = await loadSurveyMessages(code);
    setDraft((d) => ({
      ...d,
      definition: withStandardTexts(d.definition, code, standardTexts(m, d.definition.recommend.object)),
    }));
    setStatus(t("surveyEditor.languageAdded", { language: SURVEY_LANGUAGE_NAMES[code] }));
  };

  // A recommendation text still in the standard wording follows the new object; an own wording stays.
  const onObject = async (object: RecommendObject) => {
    const before = def.recommend.object;
    const catalogues = await Promise.all(
      def.locales.filter(isSurveyLocale).map(async (l) => [l, await loadSurveyMessages(l)] as const),
    );
    setDraft((d) => {
      const text = { ...d.definition.recommend.text };
      for (const [l, m] of catalogues) {
        if (!text[l] || text[l] === m[`recommend.${before}`]) text[l] = m[`recommend.${object}`];
      }
      return {
        ...d,
        definition: { ...d.definition, recommend: { ...d.definition.recommend, object, text } },
      };
    });
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    update.reset();
    const found = validateDraft(draft, t);
    setClientErrors(found);
    if (Object.keys(found).length) {
      // Text errors are always in the default language: show its tab so the marked fields are there.
      if (Object.keys(found).some((k) => k.startsWith("definition."))) setLocale(def.defaultLocale);
      setStatus("");
      return focusFirstInvalid(form.current);
    }
    const definition = cleanDefinition(def);
    update.mutate(
      { name: draft.name.trim(), kind: draft.kind as SurveyKind, slug: draft.slug, definition },
      {
        onSuccess: (next) => {
          setStatus(
            next.currentVersion > saved.currentVersion
              ? t("surveyEditor.savedNewVersion", {
                  version: next.currentVersion,
                  previous: saved.currentVersion,
                })
              : t("surveyEditor.saved", { version: next.currentVersion }),
          );
          setSaved(next);
          setDraft(draftOf(next));
        },
        onError: () => focusFirstInvalid(form.current),
      },
    );
  };

  const shown = Object.keys(errors).filter(
    (k) => !k.startsWith("definition.") || k.endsWith(`.${locale}`) || k.endsWith(".options"),
  );
  const stray = Object.entries(errors).filter(([k]) => !shown.includes(k));

  return (
    <Page title={t("surveyEditor.title", { name: saved.name })}>
      <p className="meta">
        {t("surveyEditor.meta", {
          version: saved.currentVersion,
          kind: t(`surveyKind.${saved.kind}`),
          updated: date(saved.updatedAt),
        })}
        {saved.archivedAt && (
          <>
            {" "}
            <span className="badge">{t("common.archived")}</span>
          </>
        )}
      </p>
      {created && !status && <p className="alert success">{t("surveyEditor.created")}</p>}
      <StatusMessage message={status} />
      <ErrorAlert error={update.error} fields={Object.keys(errors)} />
      {stray.length > 0 && (
        <div role="alert" className="alert error">
          <p>{t("surveyEditor.errorsElsewhere")}</p>
          <ul>
            {stray.map(([k, message]) => (
              <li key={k}>
                {describePath(k, t, languageName)}: {message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="editor-layout">
        <form ref={form} onSubmit={save} noValidate className="editor-main">
          <fieldset disabled={!canWrite} className="plain-fieldset">
            <section aria-labelledby={settingsId}>
              <h2 id={settingsId}>{t("surveyEditor.settings")}</h2>
              <EditorSettings
                draft={draft}
                onChange={setDraft}
                onLocale={onLocale}
                onObject={onObject}
                errors={errors}
              />
            </section>
            <section aria-labelledby={textsId}>
              <h2 id={textsId}>{t("surveyEditor.texts")}</h2>
              <p className="hint">{t("surveyEditor.textsHint")}</p>
              <Tabs
                label={t("surveyEditor.languageTabs")}
                selected={locale}
                onSelect={setLocale}
                tabs={tabs.map((l) => ({
                  id: l,
                  label: (
                    <>
                      <span lang={l}>{languageName(l)}</span>
                      {l === def.defaultLocale && (
                        <span className="tab-note"> ({t("surveyEditor.default")})</span>
                      )}
                    </>
                  ),
                }))}
              >
                <EditorTexts
                  definition={def}
                  locale={locale}
                  onChange={setDefinition}
                  errors={errors}
                  canWrite={canWrite}
                />
              </Tabs>
            </section>
          </fieldset>
          {canWrite ? (
            <div className="actions save-bar">
              <button type="submit" className="primary" disabled={update.isPending}>
                {t("surveyEditor.save")}
              </button>
              <span className="muted">{dirty ? t("surveyEditor.unsaved") : t("surveyEditor.noChanges")}</span>
            </div>
          ) : (
            <p className="muted">{t("surveys.readOnly")}</p>
          )}
        </form>
        {/* On wide screens the preview scrolls on its own, so it must be reachable by keyboard (WCAG 2.1.1). */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: see above */}
        <section aria-labelledby={previewId} className="editor-preview" tabIndex={0}>
          <h2 id={previewId}>
            {t("surveyEditor.preview")}: <span lang={previewLocale}>{languageName(previewLocale)}</span>
          </h2>
          <p className="hint">{t("surveyEditor.previewHint")}</p>
          <SurveyPreview
            definition={def}
            locale={previewLocale}
            messages={messages.data}
            website={draft.kind === "website"}
            names={{
              org: org?.name ?? "",
              service: t("surveyEditor.sampleService"),
              employee: t("surveyEditor.sampleEmployee"),
            }}
          />
        </section>
      </div>
      <EditorLinks survey={saved} />
    </Page>
  );
}
