import { useEffect, useId, useRef, useState } from "react";
import { DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { useDateTime, useT } from "../../i18n/use-t.ts";
import { useCan } from "../../lib/me.ts";
import { type OutboxItem, useOutbox, useOutboxMessage } from "../../lib/outbox.ts";
import { useMailKind } from "./mail-kind.ts";

/** The messages Kaja keeps locally: with no mail server configured, this is where every e-mail ends. */
export function OutboxScreen() {
  const t = useT();
  const date = useDateTime();
  const canRead = useCan("outbox:read");
  const kind = useMailKind();
  const listId = useId();
  const [limit, setLimit] = useState(50);
  const [open, setOpen] = useState<OutboxItem | null>(null);
  const outbox = useOutbox(limit, canRead);
  const items = outbox.data?.items ?? [];

  if (!canRead) {
    return (
      <Page title={t("outbox.title")}>
        <p className="muted">{t("outbox.readOnly")}</p>
      </Page>
    );
  }
  return (
    <Page title={t("outbox.title")}>
      {/* The banner above every screen already says that nothing is sent; here, how to change that. */}
      {outbox.data?.mode === "outbox" ? (
        <p>{t("outbox.howToSend")}</p>
      ) : (
        outbox.data && <p>{t("outbox.smtpIntro")}</p>
      )}
      <section aria-labelledby={listId}>
        <h2 id={listId}>{t("outbox.list")}</h2>
        <ErrorAlert error={outbox.error} />
        {outbox.isPending ? (
          <Loading />
        ) : (
          <DataTable
            labelledBy={listId}
            rows={items}
            rowKey={(m) => m.id}
            empty={t("outbox.empty")}
            columns={[
              { header: t("outbox.createdAt"), cell: (m) => date(m.createdAt) },
              { header: t("outbox.to"), cell: (m) => m.to },
              { header: t("outbox.subject"), cell: (m) => m.subject },
              { header: t("outbox.kind"), cell: (m) => kind(m.kind) },
              {
                header: t("outbox.open"),
                cell: (m) => (
                  <button
                    type="button"
                    aria-expanded={open?.id === m.id}
                    aria-label={t("outbox.openNamed", { subject: m.subject, to: m.to })}
                    onClick={() => setOpen(open?.id === m.id ? null : m)}
                  >
                    {t("outbox.openButton")}
                  </button>
                ),
              },
            ]}
          />
        )}
        {items.length >= limit && limit < 200 && (
          <button type="button" onClick={() => setLimit(200)}>
            {t("outbox.more")}
          </button>
        )}
      </section>
      {open && <OutboxMessageView item={open} />}
    </Page>
  );
}

function OutboxMessageView({ item }: { item: OutboxItem }) {
  const t = useT();
  const date = useDateTime();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const message = useOutboxMessage(item.id);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section aria-labelledby={headingId} className="report">
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {item.subject}
      </h2>
      <p className="muted">{t("outbox.meta", { to: item.to, date: date(item.createdAt) })}</p>
      <ErrorAlert error={message.error} />
      {message.isPending && <Loading />}
      {message.data?.html && (
        <>
          <h3>{t("outbox.html")}</h3>
          {/* No scripts, no same-origin access: the message is shown, never run. */}
          <iframe
            className="mail-frame"
            title={t("outbox.htmlFrame", { subject: item.subject })}
            sandbox=""
            srcDoc={message.data.html}
          />
        </>
      )}
      <h3>{t("outbox.text")}</h3>
      <pre className="mail-text">{message.data?.text ?? item.text}</pre>
    </section>
  );
}
