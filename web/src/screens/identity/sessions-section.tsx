import { useId, useState } from "react";
import { ConfirmButton } from "../../components/ConfirmButton.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { ItemTable } from "../../components/ItemTable.tsx";
import { Loading } from "../../components/Loading.tsx";
import { useDateTime, useT } from "../../i18n/use-t.ts";
import { browserOf, type SessionRow, useEndSessions, useMySessions } from "../../lib/identity.ts";

/** The user's own sessions: where they are signed in, and ending one or all the others. */
export function SessionsSection() {
  const t = useT();
  const date = useDateTime();
  const id = useId();
  const sessions = useMySessions();
  const end = useEndSessions();
  const [status, setStatus] = useState<string | null>(null);
  const name = (s: SessionRow) => browserOf(s.userAgent) ?? t("sessions.unknownBrowser");
  const others = (sessions.data ?? []).filter((s) => !s.current).length;

  return (
    <section>
      <h2 id={id}>{t("sessions.heading")}</h2>
      <p>{t("sessions.help")}</p>
      {status && (
        <p role="status" className="alert success">
          {status}
        </p>
      )}
      <ErrorAlert error={sessions.error ?? end.error} />
      {sessions.isPending ? (
        <Loading />
      ) : (
        <ItemTable
          labelledBy={id}
          items={sessions.data ?? []}
          empty=""
          columns={[
            { header: t("sessions.browser"), cell: name },
            { header: t("sessions.created"), cell: (s) => date(s.createdAt) },
            { header: t("sessions.lastUsed"), cell: (s) => date(s.lastUsedAt) },
          ]}
          actions={(s) =>
            s.current ? (
              <strong>{t("sessions.current")}</strong>
            ) : (
              <ConfirmButton
                label={t("sessions.end")}
                accessibleName={t("sessions.endNamed", { name: `${name(s)}, ${date(s.createdAt)}` })}
                question={t("sessions.endQuestion")}
                confirmLabel={t("sessions.endConfirm")}
                disabled={end.isPending}
                onConfirm={() => end.mutate(s.id, { onSuccess: () => setStatus(t("sessions.ended")) })}
              />
            )
          }
        />
      )}
      {others > 0 && (
        <div className="actions">
          <ConfirmButton
            label={t("sessions.endOthers")}
            accessibleName={t("sessions.endOthers")}
            question={t("sessions.endOthersQuestion")}
            confirmLabel={t("sessions.endConfirm")}
            disabled={end.isPending}
            onConfirm={() =>
              end.mutate(undefined, {
                onSuccess: (r) => setStatus(t("sessions.endedOthers", { count: r.ended })),
              })
            }
          />
        </div>
      )}
    </section>
  );
}
