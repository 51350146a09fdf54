import { type FormEvent, useId, useState } from "react";
import { useIntl } from "react-intl";
import { ROLE_CAPABILITIES } from "../../../../src/auth/permissions.ts";
import { ConfirmButton } from "../../components/ConfirmButton.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { SelectField } from "../../components/Field.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import { isLocale, LOCALE_NAMES, LOCALES } from "../../i18n/messages.ts";
import { useT } from "../../i18n/use-t.ts";
import { useActiveOrg, useCan } from "../../lib/me.ts";
import { useMembers } from "../../lib/members.ts";
import { useReportSubscriptions, useSubscriptionChange } from "../../lib/month.ts";

/** Who receives the monthly PDF report by e-mail, in which language; add and remove recipients. */
export function ReportSubscriptionsScreen() {
  const t = useT();
  const { locale } = useIntl();
  const { me } = useActiveOrg();
  const canManage = useCan("members:manage");
  const subscriptions = useReportSubscriptions();
  const members = useMembers();
  const change = useSubscriptionChange();
  const [status, setStatus] = useStatusMessage();
  const [userId, setUserId] = useState("");
  const [language, setLanguage] = useState(isLocale(locale) ? locale : "et");
  const listId = useId();
  const formId = useId();

  const readers = (members.data ?? []).filter((m) =>
    (ROLE_CAPABILITIES[m.role] as readonly string[]).includes("reports:read"),
  );
  const subject = userId || me?.user.id || "";

  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.add.mutate(
      { userId: canManage && userId ? userId : undefined, locale: language },
      { onSuccess: (s) => setStatus(t("month.subs.added", { email: s.email })) },
    );
  };

  return (
    <Page title={t("month.subs.title")}>
      <p className="hint">{t("month.subs.help")}</p>
      <StatusMessage message={status} />
      <ErrorAlert error={subscriptions.error ?? change.add.error ?? change.remove.error} />
      <form onSubmit={submit} aria-labelledby={formId}>
        <h2 id={formId}>{t("month.subs.add")}</h2>
        {canManage ? (
          <SelectField
            label={t("month.subs.who")}
            hint={t("month.subs.whoHint")}
            value={subject}
            onChange={(e) => setUserId(e.target.value)}
          >
            {readers.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.userId === me?.user.id
                  ? t("month.subs.me", { email: m.email })
                  : `${m.name || m.email} (${m.email})`}
              </option>
            ))}
          </SelectField>
        ) : (
          <p className="hint">{t("month.subs.onlyOwn")}</p>
        )}
        <SelectField
          label={t("month.subs.language")}
          value={language}
          onChange={(e) => {
            if (isLocale(e.target.value)) setLanguage(e.target.value);
          }}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </SelectField>
        <div className="actions">
          <button type="submit" className="primary" disabled={change.add.isPending}>
            {t("month.subs.submit")}
          </button>
        </div>
      </form>
      <section aria-labelledby={listId}>
        <h2 id={listId}>{t("month.subs.list")}</h2>
        {subscriptions.isPending ? (
          <Loading />
        ) : (
          <DataTable
            labelledBy={listId}
            rows={subscriptions.data ?? []}
            rowKey={(s) => s.userId}
            empty={t("month.subs.empty")}
            columns={[
              { header: t("month.subs.col.name"), cell: (s) => s.name || s.email },
              { header: t("month.subs.col.email"), cell: (s) => s.email },
              {
                header: t("month.subs.col.language"),
                cell: (s) => (isLocale(s.locale) ? LOCALE_NAMES[s.locale] : s.locale),
              },
              { header: t("month.subs.col.lastSent"), cell: (s) => s.lastSentMonth ?? t("month.subs.never") },
              {
                header: t("month.subs.col.actions"),
                cell: (s) => (
                  <ConfirmButton
                    label={t("month.subs.remove")}
                    accessibleName={t("month.subs.removeFor", { email: s.email })}
                    question={t("month.subs.removeQuestion")}
                    confirmLabel={t("common.yes")}
                    onConfirm={() =>
                      change.remove.mutate(s.userId, { onSuccess: () => setStatus(t("month.subs.removed")) })
                    }
                  />
                ),
              },
            ]}
          />
        )}
      </section>
    </Page>
  );
}
