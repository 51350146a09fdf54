import { useId, useState } from "react";
import { ArchivedToggle } from "../../components/ArchivedToggle.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import { useT } from "../../i18n/use-t.ts";
import { THEME_LANGUAGES, type Theme, type ThemeInput, useThemeChange, useThemes } from "../../lib/themes.ts";
import { ThemeForm } from "./theme-form.tsx";
import { useThemeName } from "./theme-report.tsx";

type ThemeListProps = { canManage: boolean; draft: ThemeInput | null; onDraftDone: () => void };

/** The organisation's themes with their keywords; managers add, edit, archive and restore them. */
export function ThemeList({ canManage, draft, onDraftDone }: ThemeListProps) {
  const t = useT();
  const name = useThemeName();
  const [archived, setArchived] = useState(false);
  const themes = useThemes(archived);
  const change = useThemeChange();
  const [editing, setEditing] = useState<Theme | "new" | null>(null);
  const [status, setStatus] = useStatusMessage();
  const headingId = useId();
  const formOpen = editing !== null || draft !== null;
  const done = (message?: string) => {
    setEditing(null);
    onDraftDone();
    if (message) setStatus(message);
  };
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("themes.list.title")}</h2>
      <p className="hint">{t("themes.list.help")}</p>
      <StatusMessage message={status} />
      <ErrorAlert error={themes.error ?? change.error} />
      {canManage && !formOpen && (
        <p className="actions">
          <button type="button" className="primary" onClick={() => setEditing("new")}>
            {t("themes.add")}
          </button>{" "}
          <button
            type="button"
            onClick={() =>
              change.mutate({ kind: "starter" }, { onSuccess: () => setStatus(t("themes.starterAdded")) })
            }
          >
            {t("themes.addStarter")}
          </button>
        </p>
      )}
      {formOpen && (
        <ThemeForm
          theme={editing === "new" || editing === null ? null : editing}
          draft={draft}
          onDone={done}
        />
      )}
      <ArchivedToggle label={t("themes.showArchived")} checked={archived} onChange={setArchived} />
      {themes.isPending ? (
        <Loading />
      ) : (
        <DataTable
          labelledBy={headingId}
          rows={themes.data ?? []}
          rowKey={(r) => r.id}
          empty={t("themes.list.empty")}
          columns={[
            { header: t("themes.col.theme"), cell: (r) => name(r.names) },
            ...THEME_LANGUAGES.map((l) => ({
              header: t(`themes.col.keywords.${l}`),
              cell: (r: Theme) => <span lang={l}>{r.keywords[l].join(", ")}</span>,
            })),
            {
              header: t("themes.col.actions"),
              cell: (r) =>
                canManage ? (
                  <span className="actions">
                    <button
                      type="button"
                      aria-label={`${t("themes.edit")}: ${name(r.names)}`}
                      onClick={() => setEditing(r)}
                    >
                      {t("themes.edit")}
                    </button>{" "}
                    <button
                      type="button"
                      aria-label={`${r.archived ? t("themes.restore") : t("themes.archive")}: ${name(r.names)}`}
                      onClick={() =>
                        change.mutate(
                          { kind: "archive", id: r.id, archived: !r.archived },
                          {
                            onSuccess: () =>
                              setStatus(r.archived ? t("themes.restored") : t("themes.archived")),
                          },
                        )
                      }
                    >
                      {r.archived ? t("themes.restore") : t("themes.archive")}
                    </button>
                  </span>
                ) : null,
            },
          ]}
        />
      )}
    </section>
  );
}
