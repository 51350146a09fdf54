import { type FormEvent, useId } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { TextField } from "../../components/Field.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useGroupLabelSettings } from "../../lib/comments.ts";
import { useCan } from "../../lib/me.ts";
import { GROUPS } from "../../lib/survey-types.ts";
import "../comments/comments.css";

const LANGUAGES = ["et", "en", "ru", "lv", "lt"] as const;

/** The organisation's names of the three answer groups, with the directive's preset one click away. */
export function GroupLabelsScreen() {
  const t = useT();
  const canEdit = useCan("org:manage");
  const { query, save } = useGroupLabelSettings();
  const [message, setMessage] = useStatusMessage();
  const tableId = useId();
  const formId = useId();
  const data = query.data;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const labels = Object.fromEntries(
      GROUPS.map((g) => [
        g,
        Object.fromEntries(
          LANGUAGES.map((l) => [l, String(form.get(`${g}.${l}`) ?? "").trim()]).filter(([, v]) => v),
        ),
      ]),
    ) as Record<(typeof GROUPS)[number], Record<string, string>>;
    save.mutate(labels, { onSuccess: () => setMessage(t("labels.saved")) });
  };

  return (
    <Page title={t("labels.title")}>
      <p>{t("labels.intro")}</p>
      <StatusMessage message={message} />
      <ErrorAlert error={query.error ?? save.error} />
      {query.isPending || !data ? (
        <Loading />
      ) : (
        <>
          <section aria-labelledby={tableId}>
            <h2 id={tableId}>{t("labels.current")}</h2>
            <p>{data.custom ? t("labels.isCustom") : t("labels.isStandard")}</p>
            {/* biome-ignore lint/a11y/useSemanticElements: a scrollable region must be reachable by keyboard */}
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: see above */}
            <div className="table-wrap" role="region" aria-labelledby={tableId} tabIndex={0}>
              <table aria-labelledby={tableId}>
                <thead>
                  <tr>
                    <th scope="col">{t("labels.language")}</th>
                    {GROUPS.map((g) => (
                      <th scope="col" key={g}>
                        {t(`group.${g}.range`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {LANGUAGES.map((l) => (
                    <tr key={l}>
                      <th scope="row">{t(`praise.language.${l}`)}</th>
                      {GROUPS.map((g) => (
                        <td key={g} lang={l}>
                          {data.byLocale[l]?.[g]}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          {canEdit ? (
            <section aria-labelledby={formId} className="report">
              <h2 id={formId}>{t("labels.change")}</h2>
              <p>{t("labels.presetHelp")}</p>
              <div className="actions">
                <button
                  type="button"
                  className="primary"
                  aria-disabled={save.isPending}
                  onClick={() =>
                    !save.isPending &&
                    save.mutate(data.preset, { onSuccess: () => setMessage(t("labels.presetDone")) })
                  }
                >
                  {t("labels.usePreset")}
                </button>
                {data.custom && (
                  <button
                    type="button"
                    aria-disabled={save.isPending}
                    onClick={() =>
                      !save.isPending &&
                      save.mutate(null, { onSuccess: () => setMessage(t("labels.resetDone")) })
                    }
                  >
                    {t("labels.reset")}
                  </button>
                )}
              </div>
              <form key={JSON.stringify(data.own)} onSubmit={submit} noValidate>
                {GROUPS.map((g) => (
                  <fieldset key={g}>
                    <legend>{t(`labels.group.${g}`)}</legend>
                    <div className="label-grid">
                      {LANGUAGES.map((l) => (
                        <TextField
                          key={l}
                          label={t(`praise.language.${l}`)}
                          name={`${g}.${l}`}
                          lang={l}
                          maxLength={40}
                          required={l === "et"}
                          hint={l === "et" ? t("labels.etRequired") : undefined}
                          defaultValue={data.own?.[g]?.[l] ?? ""}
                        />
                      ))}
                    </div>
                  </fieldset>
                ))}
                <div className="actions">
                  <button type="submit" className="primary" aria-disabled={save.isPending}>
                    {t("labels.save")}
                  </button>
                </div>
              </form>
            </section>
          ) : (
            <p className="muted">{t("labels.ownerOnly")}</p>
          )}
        </>
      )}
    </Page>
  );
}
