import { useId } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { SelectField } from "../../components/Field.tsx";
import { Loading } from "../../components/Loading.tsx";
import { useDateTime, useT } from "../../i18n/use-t.ts";
import { type InvitationFilters, useInvitations } from "../../lib/invitations.ts";
import { useNames } from "../../lib/lookups.ts";
import { INVITATION_STATES, type InvitationState } from "../../lib/sending.ts";
import { useReasonText } from "./reason-text.ts";

type InvitationListProps = { filters: InvitationFilters; onState: (state: InvitationState) => void };

/** The people behind one state (by default those skipped), with the reason and the last error. */
export function InvitationList({ filters, onState }: InvitationListProps) {
  const t = useT();
  const date = useDateTime();
  const names = useNames();
  const reasonText = useReasonText();
  const headingId = useId();
  const state = filters.state ?? "skipped";
  const list = useInvitations(filters, state);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section aria-labelledby={headingId} id="invitation-list">
      <h2 id={headingId}>{t("invitations.list")}</h2>
      <SelectField
        label={t("invitations.listState")}
        hint={t("invitations.listStateHint")}
        value={state}
        onChange={(e) => onState(e.target.value as InvitationState)}
      >
        {INVITATION_STATES.map((s) => (
          <option key={s} value={s}>
            {t(`invitationState.${s}`)}
          </option>
        ))}
      </SelectField>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : (
        <>
          {/* biome-ignore lint/a11y/useSemanticElements: a scrollable region must be reachable by keyboard */}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: see above */}
          <div className="table-wrap" role="region" aria-labelledby={headingId} tabIndex={0}>
            <table aria-labelledby={headingId}>
              <thead>
                <tr>
                  <th scope="col">{t("invitations.person")}</th>
                  <th scope="col">{t("bulk.reason")}</th>
                  <th scope="col">{t("answers.survey")}</th>
                  <th scope="col">{t("invitations.occurredAt")}</th>
                  <th scope="col">{t("invitations.scheduledAt")}</th>
                  <th scope="col">{t("invitations.sentAt")}</th>
                  <th scope="col" className="num">
                    {t("invitations.attempts")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.length === 0 && (
                  <tr>
                    <td colSpan={7}>{t("invitations.empty")}</td>
                  </tr>
                )}
                {items.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">
                      {i.contactEmail || i.contactName ? (
                        <>
                          {i.contactName && <span className="block">{i.contactName}</span>}
                          {i.contactEmail && <span className="block">{i.contactEmail}</span>}
                        </>
                      ) : (
                        <span className="muted">
                          {t(i.contactId ? "invitations.hidden" : "invitations.noContact")}
                        </span>
                      )}
                    </th>
                    <td>
                      {reasonText(i.reason)}
                      {i.lastError && <span className="block small muted">{i.lastError}</span>}
                    </td>
                    <td>{names.survey(i.surveyId)}</td>
                    <td>{date(i.occurredAt)}</td>
                    <td>{date(i.scheduledAt)}</td>
                    <td>{date(i.sentAt)}</td>
                    <td className="num">{i.attempts}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p role="status" className="muted small">
            {t("invitations.shown", { count: items.length })}
          </p>
          {list.hasNextPage && (
            <button
              type="button"
              aria-disabled={list.isFetchingNextPage}
              onClick={() => !list.isFetchingNextPage && list.fetchNextPage()}
            >
              {list.isFetchingNextPage ? t("common.loading") : t("invitations.loadMore")}
            </button>
          )}
        </>
      )}
    </section>
  );
}
