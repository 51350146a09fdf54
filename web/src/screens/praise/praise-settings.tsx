import { Link } from "@tanstack/react-router";
import { useId, useState } from "react";
import { CopyButton } from "../../components/CopyButton.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { SelectField } from "../../components/Field.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import { useT } from "../../i18n/use-t.ts";
import { usePraiseWall, usePublicWidget } from "../../lib/comments.ts";
import { useCan } from "../../lib/me.ts";
import "../comments/comments.css";

const LANGUAGES = ["et", "en", "ru", "lv", "lt"] as const;

/** The praise wall (on/off, its link and what it shows) and the website widget with its embed code. */
export function PraiseSettingsScreen() {
  const t = useT();
  const canPublish = useCan("praise:publish");
  if (!canPublish) {
    return (
      <Page title={t("praise.title")}>
        <p className="muted">{t("praise.notAllowed")}</p>
      </Page>
    );
  }
  return (
    <Page title={t("praise.title")}>
      <p>{t("praise.intro")}</p>
      <p>
        <Link to="/comments">{t("praise.toComments")}</Link>
      </p>
      <WallSection />
      <WidgetSection />
    </Page>
  );
}

function WallSection() {
  const t = useT();
  const headingId = useId();
  const { status, turnOn, turnOff } = usePraiseWall(true);
  const [url, setUrl] = useState<string | null>(null);
  const [lang, setLang] = useState<string>("et");
  const [refresh, setRefresh] = useState<"on" | "off">("on");
  const [message, setMessage] = useStatusMessage();
  const link = url ? `${url}?${new URLSearchParams({ lang, refresh })}` : null;
  const on = status.data?.enabled ?? false;

  const enable = () =>
    !turnOn.isPending &&
    turnOn.mutate(undefined, {
      onSuccess: (data) => {
        setUrl(data.url);
        setMessage(t("praise.wallOnDone"));
      },
    });

  return (
    <section aria-labelledby={headingId} className="report">
      <h2 id={headingId}>{t("praise.wallHeading")}</h2>
      <p>{t("praise.wallWhat")}</p>
      <StatusMessage message={message} />
      <ErrorAlert error={status.error ?? turnOn.error ?? turnOff.error} />
      {status.isPending ? (
        <Loading />
      ) : (
        <>
          <p>
            <strong>{on ? t("praise.wallIsOn") : t("praise.wallIsOff")}</strong>
          </p>
          {link ? (
            <div className="field">
              <h3>{t("praise.linkHeading")}</h3>
              <p className="hint">{t("praise.linkOnce")}</p>
              <div className="filter-grid">
                <SelectField
                  label={t("praise.linkLanguage")}
                  value={lang}
                  onChange={(e) => setLang(e.target.value)}
                >
                  {LANGUAGES.map((l) => (
                    <option key={l} value={l}>
                      {t(`praise.language.${l}`)}
                    </option>
                  ))}
                </SelectField>
                <SelectField
                  label={t("praise.linkRefresh")}
                  hint={t("praise.linkRefreshHint")}
                  value={refresh}
                  onChange={(e) => setRefresh(e.target.value === "off" ? "off" : "on")}
                >
                  <option value="on">{t("praise.refreshOn")}</option>
                  <option value="off">{t("praise.refreshOff")}</option>
                </SelectField>
              </div>
              <code className="embed-code">{link}</code>
              <div className="actions">
                <CopyButton text={link} label={t("praise.copyLink")} />
                <a href={link} target="_blank" rel="noreferrer">
                  {t("praise.openWall")}
                  <span className="visually-hidden"> {t("praise.newWindow")}</span>
                </a>
              </div>
            </div>
          ) : on ? (
            <p className="hint">{t("praise.linkLost")}</p>
          ) : null}
          <div className="actions">
            <button type="button" className="primary" aria-disabled={turnOn.isPending} onClick={enable}>
              {on ? t("praise.newLink") : t("praise.turnOn")}
            </button>
            {on && (
              <button
                type="button"
                aria-disabled={turnOff.isPending}
                onClick={() =>
                  !turnOff.isPending &&
                  turnOff.mutate(undefined, {
                    onSuccess: () => {
                      setUrl(null);
                      setMessage(t("praise.wallOffDone"));
                    },
                  })
                }
              >
                {t("praise.turnOff")}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}

function WidgetSection() {
  const t = useT();
  const headingId = useId();
  const { status, set } = usePublicWidget(true);
  const [message, setMessage] = useStatusMessage();
  const data = status.data;
  const src = data ? /src="([^"]+)"/.exec(data.snippet)?.[1] : undefined;

  return (
    <section aria-labelledby={headingId} className="report">
      <h2 id={headingId}>{t("praise.widgetHeading")}</h2>
      <p>{t("praise.widgetWhat")}</p>
      <StatusMessage message={message} />
      <ErrorAlert error={status.error ?? set.error} />
      {status.isPending || !data ? (
        <Loading />
      ) : (
        <>
          <p>
            <strong>{data.enabled ? t("praise.widgetIsOn") : t("praise.widgetIsOff")}</strong>
          </p>
          <div className="actions">
            <button
              type="button"
              className={data.enabled ? undefined : "primary"}
              aria-disabled={set.isPending}
              onClick={() =>
                !set.isPending &&
                set.mutate(!data.enabled, {
                  onSuccess: (d) =>
                    setMessage(d.enabled ? t("praise.widgetOnDone") : t("praise.widgetOffDone")),
                })
              }
            >
              {data.enabled ? t("praise.widgetTurnOff") : t("praise.widgetTurnOn")}
            </button>
          </div>
          <h3>{t("praise.embedHeading")}</h3>
          <p className="hint">{t("praise.embedHint")}</p>
          <code className="embed-code">{data.snippet}</code>
          <div className="actions">
            <CopyButton text={data.snippet} label={t("praise.copyCode")} />
          </div>
          {data.enabled && src ? (
            <>
              <h3>{t("praise.previewHeading")}</h3>
              <iframe className="widget-preview" src={src} title={t("praise.previewTitle")} />
            </>
          ) : (
            <p className="muted">{t("praise.previewOff")}</p>
          )}
        </>
      )}
    </section>
  );
}
