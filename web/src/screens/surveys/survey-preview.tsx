import { useId } from "react";
import { useIntl } from "react-intl";
import { useT } from "../../i18n/use-t.ts";
import { fillNames, type SurveyMessages } from "../../lib/survey-messages.ts";
import type { Question, SurveyDefinition, Texts } from "../../lib/survey-types.ts";

type PreviewProps = {
  definition: SurveyDefinition;
  locale: string;
  /** The survey language's page texts (buttons, hints), as the answer page shows them. */
  messages: SurveyMessages | undefined;
  names: { org: string; service: string; employee: string };
  website: boolean;
};

/**
 * A read-only picture of the answer page in one language, drawn from the editor's unsaved state: the same
 * texts, order and fallbacks (a missing text shows the default language's) as the server-rendered page.
 */
export function SurveyPreview({ definition: def, locale, messages, names, website }: PreviewProps) {
  const t = useT();
  const intl = useIntl();
  const m = (key: string) => messages?.[key] ?? "";
  const text = (texts: Texts) =>
    fillNames(texts[locale] ?? texts[def.defaultLocale] ?? Object.values(texts).find(Boolean) ?? "", names);
  const cover = text(def.cover);
  return (
    <div className="preview" lang={locale}>
      <div className="pv-card">
        <p className="pv-title">{m("page.title").replace("{org}", names.org)}</p>
        {cover && <p>{cover}</p>}
        <PreviewScale
          legend={text(def.recommend.text)}
          low={text(def.recommend.low)}
          high={text(def.recommend.high)}
          hint={m("page.scaleHint")}
          required={m("page.required")}
        />
        {def.satisfaction && (
          <PreviewScale
            legend={text(def.satisfaction.text)}
            low={text(def.satisfaction.low)}
            high={text(def.satisfaction.high)}
            hint={m("page.scaleHint")}
          />
        )}
        {def.comment && <PreviewTextBox label={text(def.comment.text)} hint={m("comment.hint")} />}
        {def.questions.map((q) => (
          <PreviewQuestion key={q.id} q={q} text={text} m={m} />
        ))}
        {website && (
          <>
            <p className="pv-hint">{m("page.contactHint")}</p>
            <PreviewTextBox label={m("page.nameOptional")} line />
            <PreviewTextBox label={m("page.emailOptional")} line />
          </>
        )}
        <p>
          <span className="pv-button">{m("page.submit")}</span>
        </p>
        <p className="pv-small">{m("page.privacy")}</p>
      </div>
      <div className="pv-card">
        <p className="pv-caption" lang={intl.locale}>
          {t("surveyEditor.previewThanks")}
        </p>
        <p className="pv-title">{m("thanks.title")}</p>
        <p>{text(def.thankYou)}</p>
      </div>
    </div>
  );
}

type ScaleProps = {
  legend: string;
  low: string;
  high: string;
  hint: string;
  required?: string;
  min?: number;
};

function PreviewScale({ legend, low, high, hint, required, min = 0 }: ScaleProps) {
  const max = min === 0 ? 10 : 5;
  const points = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  return (
    <div className="pv-field">
      <p className="pv-q">
        {legend}
        {required && <span className="pv-req"> ({required})</span>}
      </p>
      {min === 0 && <p className="pv-hint">{hint}</p>}
      <ol className={`pv-scale${max === 5 ? " r5" : ""}`}>
        {points.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ol>
      <p className="pv-ends">
        <span>
          {min} – {low}
        </span>
        <span>
          {max} – {high}
        </span>
      </p>
    </div>
  );
}

function PreviewTextBox({ label, hint, line }: { label: string; hint?: string; line?: boolean }) {
  return (
    <div className="pv-field">
      <p className="pv-q">{label}</p>
      {hint && <p className="pv-hint">{hint}</p>}
      <div className={line ? "pv-input" : "pv-textarea"} />
    </div>
  );
}

type QuestionProps = { q: Question; text: (t: Texts) => string; m: (key: string) => string };

function PreviewQuestion({ q, text, m }: QuestionProps) {
  const id = useId();
  const required = q.required ? m("page.required") : undefined;
  if (q.type === "rating") {
    return (
      <PreviewScale
        legend={text(q.text)}
        low={m("page.ratingLow")}
        high={m("page.ratingHigh")}
        hint=""
        required={required}
        min={1}
      />
    );
  }
  if (q.type === "text") {
    return (
      <div className="pv-field">
        <p className="pv-q">
          {text(q.text)}
          {required && <span className="pv-req"> ({required})</span>}
        </p>
        <div className="pv-textarea" />
      </div>
    );
  }
  const multi = q.type === "multi";
  return (
    <div className="pv-field">
      <p className="pv-q" id={id}>
        {text(q.text)}
        {required && <span className="pv-req"> ({required})</span>}
      </p>
      <p className="pv-hint">{m(multi ? "page.chooseAny" : "page.chooseOne")}</p>
      <ul className="pv-choices" aria-labelledby={id}>
        {(q.options ?? []).map((o) => (
          <li key={o.id}>
            <span className={multi ? "pv-box" : "pv-radio"} aria-hidden="true" />
            {text(o.text)}
          </li>
        ))}
      </ul>
    </div>
  );
}
