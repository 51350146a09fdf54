import { useId } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { useT } from "../../i18n/use-t.ts";
import { type Period, useDisagreements } from "../../lib/themes.ts";
import { CommentList } from "./comment-list.tsx";

/** Comments whose words say the opposite of their score: a 9 with an angry comment is worth reading. */
export function ToneDisagreements({ period }: { period: Period }) {
  const t = useT();
  const list = useDisagreements(period);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("themes.disagreements.title")}</h2>
      <p className="hint">{t("themes.disagreements.help")}</p>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : (
        <CommentList items={list.data ?? []} empty={t("themes.disagreements.empty")} />
      )}
    </section>
  );
}
