import { getRouteApi, Link } from "@tanstack/react-router";
import { useId } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useMe } from "../../lib/me.ts";
import { useQualityModel } from "../../lib/quality.ts";
import { type CalibrationSession, useCalibrationSession } from "../../lib/quality-calibration.ts";
import { CalibrationResults } from "./calibration-results.tsx";
import { CalibrationScoring } from "./calibration-scoring.tsx";
import { ReferenceForm } from "./calibration-reference.tsx";

const route = getRouteApi("/authed/quality/calibration/$sessionId");

/**
 * One calibration session. A panel member scores the contact on their own first (the others' scores stay
 * hidden until they submit); then the page shows the spread, deviations and agreement, and the session's
 * owner records the reference scores agreed in the discussion.
 */
export function CalibrationSessionScreen() {
  const t = useT();
  const { sessionId } = route.useParams();
  const session = useCalibrationSession(sessionId);
  const s = session.data;
  const title = s
    ? (s.title ?? t("quality.calibration.untitled", { date: s.date }))
    : t("quality.calibration.title");
  return (
    <Page title={title}>
      <p>
        <Link to="/quality/calibration" search={{}}>
          {t("quality.calibration.back")}
        </Link>
      </p>
      <ErrorAlert error={session.error} />
      {session.isPending ? <Loading /> : s && <SessionBody session={s} />}
    </Page>
  );
}

function SessionBody({ session: s }: { session: CalibrationSession }) {
  const t = useT();
  const me = useMe().data?.user.id;
  const model = useQualityModel(s.modelId);
  const version = model.data?.versions.find((v) => v.id === s.modelVersionId);
  const mine = s.participants.find((p) => p.userId === me);
  const scoring = s.state === "open" && mine !== undefined && mine.submittedAt === null;
  const panelId = useId();
  return (
    <>
      <dl className="facts">
        <dt>{t("quality.reference")}</dt>
        <dd>{s.contact.reference ?? s.contact.responseId ?? "–"}</dd>
        <dt>{t("quality.model")}</dt>
        <dd>{model.data ? `${model.data.name} v${version?.version ?? "?"}` : "…"}</dd>
        <dt>{t("quality.calibration.date")}</dt>
        <dd>{s.date}</dd>
        <dt>{t("quality.state")}</dt>
        <dd>{t(`quality.calibration.state.${s.state}`)}</dd>
      </dl>
      <h2 id={panelId}>{t("quality.calibration.panel")}</h2>
      <ul aria-labelledby={panelId}>
        {s.participants.map((p) => (
          <li key={p.userId}>
            {p.name}:{" "}
            {p.submittedAt ? t("quality.calibration.submitted") : t("quality.calibration.notSubmitted")}
          </li>
        ))}
      </ul>
      <ErrorAlert error={model.error} />
      {scoring &&
        (version ? <CalibrationScoring session={s} definition={version.definition} /> : <Loading />)}
      {!s.results && !scoring && <p>{t("quality.calibration.hidden")}</p>}
      {s.results && <CalibrationResults session={s} results={s.results} />}
      {s.results && s.state === "open" && s.ownerId === me && (
        <ReferenceForm session={s} results={s.results} />
      )}
    </>
  );
}
