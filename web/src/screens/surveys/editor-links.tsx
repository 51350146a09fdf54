import { Link } from "@tanstack/react-router";
import { useId } from "react";
import { CopyButton } from "../../components/CopyButton.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useActiveOrg, useCan } from "../../lib/me.ts";
import type { Survey } from "../../lib/survey-types.ts";

const escapeAttr = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The same snippet the server documents: the website survey in an iframe, compact layout. */
export function iframeSnippet(url: string, title: string) {
  return `<iframe src="${escapeAttr(`${url}?embed=1`)}" title="${escapeAttr(title)}" width="100%" height="720" style="border:0" loading="lazy"></iframe>`;
}

/** Where the survey is used: its answers, import, sending, and for website surveys the public link and snippet. */
export function EditorLinks({ survey }: { survey: Survey }) {
  const t = useT();
  const { org } = useActiveOrg();
  const canImport = useCan("responses:write");
  const canReadAnswers = useCan("responses:read");
  const headingId = useId();
  const linkId = useId();
  const snippetId = useId();
  const url = `${window.location.origin}/w/${encodeURIComponent(org?.slug ?? "")}/${encodeURIComponent(survey.slug)}`;
  const snippet = iframeSnippet(url, survey.name);
  const website = survey.kind === "website";

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("surveyEditor.use")}</h2>
      <ul className="link-list">
        {canReadAnswers && (
          <li>
            <Link to="/answers" search={{ surveyId: survey.id }}>
              {t("surveyEditor.answersLink")}
            </Link>
          </li>
        )}
        {canImport && (
          <li>
            <Link to="/surveys/$surveyId/import" params={{ surveyId: survey.id }}>
              {t("surveyEditor.importLink")}
            </Link>
          </li>
        )}
        {!website && (
          <li>
            <Link to="/send" search={{ surveyId: survey.id }}>
              {t("surveyEditor.sendLink")}
            </Link>
          </li>
        )}
      </ul>
      {website && !survey.archivedAt ? (
        <>
          <h3>{t("surveyEditor.websiteTitle")}</h3>
          <p>{t("surveyEditor.websiteIntro")}</p>
          <div className="field">
            <label htmlFor={linkId}>{t("surveyEditor.websiteLink")}</label>
            <div className="copy-row">
              <input
                id={linkId}
                readOnly
                value={url}
                className="wide"
                onFocus={(e) => e.currentTarget.select()}
              />
              <CopyButton text={url} label={t("surveyEditor.copyLink")} />
            </div>
            <p>
              <a href={url} target="_blank" rel="noopener">
                {t("surveyEditor.openWebsiteSurvey")}
              </a>
            </p>
          </div>
          <div className="field">
            <label htmlFor={snippetId}>{t("surveyEditor.snippet")}</label>
            <p className="hint" id={`${snippetId}-hint`}>
              {t("surveyEditor.snippetHint")}
            </p>
            <textarea
              id={snippetId}
              readOnly
              rows={3}
              value={snippet}
              className="code wide"
              aria-describedby={`${snippetId}-hint`}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton text={snippet} label={t("surveyEditor.copySnippet")} />
          </div>
        </>
      ) : (
        <p className="muted">{t(website ? "surveyEditor.websiteArchived" : "surveyEditor.websiteOnly")}</p>
      )}
    </section>
  );
}
