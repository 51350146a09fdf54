import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { CatalogueFilterFields, GroupFilterField } from "../../components/AnswerFilterFields.tsx";
import { type FormEvent, useId, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { SelectField, TextAreaField, TextField } from "../../components/Field.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import { useDateTime, useT } from "../../i18n/use-t.ts";
import {
  type Comment,
  type CommentFilters,
  parseCommentFilters,
  useComments,
  usePraiseActions,
} from "../../lib/comments.ts";
import { useGroupLabel } from "../../lib/groups.ts";
import { useNames } from "../../lib/lookups.ts";
import { useCan } from "../../lib/me.ts";
import { useThemes } from "../../lib/themes.ts";
import { useThemeName } from "../themes/theme-report.tsx";
import "./comments.css";

const route = getRouteApi("/authed/comments");

/** Free-text comments: search in any language with the dashboard's filters, mark and approve praise. */
export function CommentsScreen() {
  const t = useT();
  const filters = route.useSearch();
  const navigate = useNavigate();
  const listId = useId();
  const canRead = useCan("responses:read");
  const comments = useComments(filters, canRead);
  const items = comments.data?.pages.flatMap((p) => p.items) ?? [];
  const [status, setStatus] = useStatusMessage();

  if (!canRead) {
    return (
      <Page title={t("comments.title")}>
        <p className="muted">{t("comments.notAllowed")}</p>
      </Page>
    );
  }
  return (
    <Page title={t("comments.title")}>
      <p>{t("comments.intro")}</p>
      <CommentFiltersForm filters={filters} onApply={(search) => navigate({ to: "/comments", search })} />
      <section aria-labelledby={listId}>
        <h2 id={listId}>{filters.q ? t("comments.results", { q: filters.q }) : t("comments.latest")}</h2>
        <StatusMessage message={status} />
        <ErrorAlert error={comments.error} />
        {comments.isPending ? (
          <Loading />
        ) : (
          <>
            <p className="muted">
              {comments.hasNextPage
                ? t("comments.shownMore", { count: items.length })
                : t("comments.shownAll", { count: items.length })}
            </p>
            {items.length === 0 ? (
              <p>{t("comments.empty")}</p>
            ) : (
              <ol className="comment-list">
                {items.map((c) => (
                  <CommentItem key={c.id} comment={c} onDone={setStatus} />
                ))}
              </ol>
            )}
            {comments.hasNextPage && (
              <button
                type="button"
                aria-disabled={comments.isFetchingNextPage}
                onClick={() => !comments.isFetchingNextPage && comments.fetchNextPage()}
              >
                {comments.isFetchingNextPage ? t("common.loading") : t("comments.loadMore")}
              </button>
            )}
          </>
        )}
      </section>
    </Page>
  );
}

function CommentItem({ comment: c, onDone }: { comment: Comment; onDone: (message: string) => void }) {
  const t = useT();
  const date = useDateTime();
  const names = useNames();
  const groupLabel = useGroupLabel();
  const canMark = useCan("praise:manage");
  const canPublish = useCan("praise:publish");
  const { approve, remove } = usePraiseActions();
  const [marking, setMarking] = useState(false);
  const headingId = useId();
  const tags = [
    [t("answers.survey"), names.survey(c.surveyId)],
    [t("answers.service"), names.service(c.serviceId)],
    [t("field.department"), names.department(c.departmentId)],
    [t("answers.employee"), names.employee(c.employeeId)],
    [t("answers.channel"), names.channel(c.channelId)],
  ].filter(([, v]) => v);
  const praiseState = !c.praise
    ? null
    : c.praise.approved
      ? t("comments.praiseApproved")
      : t("comments.praiseWaiting");
  const whom = c.praise
    ? c.praise.target === "employee"
      ? names.employee(c.praise.employeeId)
      : names.service(c.praise.serviceId)
    : "";

  return (
    <li className="comment-item">
      <article aria-labelledby={headingId}>
        <h3 id={headingId} className="comment-head">
          <span className={`score score-${c.group}`}>
            <span className="visually-hidden">{t("answers.score")} </span>
            {c.score}
          </span>{" "}
          <span>{groupLabel(c.group)}</span>
          <span className="muted small"> · {date(c.receivedAt)}</span>
        </h3>
        <blockquote lang={c.locale} className="comment-text">
          <p>{c.comment}</p>
        </blockquote>
        {tags.length > 0 && (
          <dl className="comment-tags">
            {tags.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        )}
        {c.praise && (
          <p className="praise-state">
            <strong>{praiseState}</strong>
            {whom ? ` · ${t("comments.praiseOf", { who: whom })}` : ""}
            {c.praise.text !== c.comment ? (
              <>
                <br />
                <span className="muted">{t("comments.praiseText", { text: c.praise.text })}</span>
              </>
            ) : null}
          </p>
        )}
        <div className="actions comment-actions">
          <Link to="/answers/$answerId" params={{ answerId: c.id }} search={{}}>
            {t("comments.openAnswer")}
            <span className="visually-hidden"> ({date(c.receivedAt)})</span>
          </Link>
          {canMark && !marking && (
            <button type="button" onClick={() => setMarking(true)}>
              {c.praise ? t("comments.changePraise") : t("comments.markPraise")}
            </button>
          )}
          {canPublish && c.praise && !c.praise.approved && (
            <button
              type="button"
              className="primary"
              aria-disabled={approve.isPending}
              onClick={() =>
                !approve.isPending &&
                approve.mutate(c.id, { onSuccess: () => onDone(t("comments.approved")) })
              }
            >
              {t("comments.approve")}
            </button>
          )}
          {canMark && c.praise && (
            <button
              type="button"
              aria-disabled={remove.isPending}
              onClick={() =>
                !remove.isPending && remove.mutate(c.id, { onSuccess: () => onDone(t("comments.removed")) })
              }
            >
              {t("comments.removePraise")}
            </button>
          )}
        </div>
        <ErrorAlert error={approve.error ?? remove.error} />
        {marking && (
          <MarkPraiseForm
            comment={c}
            onClose={(message) => {
              setMarking(false);
              if (message) onDone(message);
            }}
          />
        )}
      </article>
    </li>
  );
}

function MarkPraiseForm({ comment: c, onClose }: { comment: Comment; onClose: (message?: string) => void }) {
  const t = useT();
  const names = useNames();
  const { mark } = usePraiseActions();
  const headingId = useId();
  const canEmployee = Boolean(c.employeeId);
  const canService = Boolean(c.serviceId);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const target = data.get("target") === "service" ? "service" : "employee";
    mark.mutate(
      { id: c.id, body: { target, text: String(data.get("text") ?? "") } },
      { onSuccess: () => onClose(t("comments.marked")) },
    );
  };
  if (!canEmployee && !canService) {
    return (
      <p className="alert" role="status">
        {t("comments.noTarget")}{" "}
        <button type="button" onClick={() => onClose()}>
          {t("common.cancel")}
        </button>
      </p>
    );
  }
  return (
    <form className="mark-praise" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h4 id={headingId}>{t("comments.markHeading")}</h4>
      <SelectField
        label={t("comments.target")}
        name="target"
        defaultValue={c.praise?.target ?? (canEmployee ? "employee" : "service")}
      >
        {canEmployee && (
          <option value="employee">
            {t("comments.targetEmployee", { name: names.employee(c.employeeId) })}
          </option>
        )}
        {canService && (
          <option value="service">{t("comments.targetService", { name: names.service(c.serviceId) })}</option>
        )}
      </SelectField>
      <TextAreaField
        label={t("comments.praiseTextLabel")}
        hint={t("comments.praiseTextHint")}
        name="text"
        rows={3}
        maxLength={2000}
        defaultValue={c.praise?.text ?? c.comment}
      />
      <ErrorAlert error={mark.error} />
      <div className="actions">
        <button type="submit" className="primary" aria-disabled={mark.isPending}>
          {t("comments.saveMark")}
        </button>
        <button type="button" onClick={() => onClose()}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

type FiltersProps = { filters: CommentFilters; onApply: (filters: CommentFilters) => void };

/** The search words and the dashboard's filters; applying them puts them in the address. */
function CommentFiltersForm({ filters, onApply }: FiltersProps) {
  const themes = useThemes();
  const themeName = useThemeName();
  const t = useT();
  const headingId = useId();
  const any = t("answers.any");
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(parseCommentFilters(Object.fromEntries(new FormData(event.currentTarget))));
  };
  return (
    <section aria-labelledby={headingId} className="filters">
      <h2 id={headingId}>{t("comments.search")}</h2>
      <form key={JSON.stringify(filters)} onSubmit={submit} noValidate>
        <TextField
          label={t("comments.words")}
          hint={t("comments.wordsHint")}
          name="q"
          type="search"
          maxLength={200}
          defaultValue={filters.q ?? ""}
        />
        <div className="filter-grid">
          <TextField label={t("answers.from")} name="from" type="date" defaultValue={filters.from ?? ""} />
          <TextField label={t("answers.to")} name="to" type="date" defaultValue={filters.to ?? ""} />
          <CatalogueFilterFields values={filters} />
          <SelectField label={t("themes.filter")} name="themeId" defaultValue={filters.themeId ?? ""}>
            <option value="">{any}</option>
            {(themes.data ?? []).map((theme) => (
              <option key={theme.id} value={theme.id}>
                {themeName(theme.names)}
              </option>
            ))}
          </SelectField>
          <GroupFilterField value={filters.group} />
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            {t("comments.find")}
          </button>
          <button type="button" onClick={() => onApply({})}>
            {t("answers.clear")}
          </button>
        </div>
      </form>
    </section>
  );
}
