import { type FormEvent, useId, useState } from "react";
import { useIntl } from "react-intl";
import { ConfirmButton } from "../../components/ConfirmButton.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { TextField } from "../../components/Field.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useCan } from "../../lib/me.ts";
import {
  type BenchmarkCell,
  type Network,
  useNetworkChange,
  useNetworks,
  useNetworkSummary,
} from "../../lib/month.ts";
import { addDays } from "../../lib/reports.ts";
import { useReportFormat } from "../dashboard/format.ts";

/** Benchmark networks: join, leave, create; a network's pooled figures against the organisation's own. */
export function BenchmarkScreen() {
  const t = useT();
  const canManage = useCan("benchmark:manage");
  const networks = useNetworks();
  const change = useNetworkChange();
  const [status, setStatus] = useStatusMessage();
  const [shown, setShown] = useState<string | undefined>();
  const [name, setName] = useState("");
  const listId = useId();
  const createId = useId();
  const items = networks.data?.items ?? [];
  const current = items.find((n) => n.id === shown && n.member) ?? items.find((n) => n.member);

  const create = (e: FormEvent) => {
    e.preventDefault();
    change.create.mutate(name.trim(), {
      onSuccess: (n) => {
        setName("");
        setShown(n.id);
        setStatus(t("month.bench.created", { name: n.name }));
      },
    });
  };
  const actions = (n: Network) => (
    <span className="actions">
      {n.member && (
        <button
          type="button"
          aria-label={t("month.bench.showFor", { name: n.name })}
          aria-pressed={current?.id === n.id}
          onClick={() => setShown(n.id)}
        >
          {t("month.bench.show")}
        </button>
      )}
      {canManage && !n.member && (
        <button
          type="button"
          className="primary"
          aria-label={t("month.bench.joinFor", { name: n.name })}
          onClick={() =>
            change.join.mutate(n.id, {
              onSuccess: () => {
                setShown(n.id);
                setStatus(t("month.bench.joined", { name: n.name }));
              },
            })
          }
        >
          {t("month.bench.join")}
        </button>
      )}
      {canManage && n.member && (
        <ConfirmButton
          label={t("month.bench.leave")}
          accessibleName={t("month.bench.leaveFor", { name: n.name })}
          question={t("month.bench.leaveQuestion")}
          confirmLabel={t("common.yes")}
          onConfirm={() =>
            change.leave.mutate(n.id, { onSuccess: () => setStatus(t("month.bench.left", { name: n.name })) })
          }
        />
      )}
    </span>
  );

  return (
    <Page title={t("month.bench.title")}>
      <p className="hint">{t("month.bench.help")}</p>
      <StatusMessage message={status} />
      <ErrorAlert error={networks.error ?? change.join.error ?? change.leave.error} />
      <section aria-labelledby={listId}>
        <h2 id={listId}>{t("month.bench.networks")}</h2>
        {networks.isPending ? (
          <Loading />
        ) : (
          <DataTable
            labelledBy={listId}
            rows={items}
            rowKey={(n) => n.id}
            empty={t("month.bench.empty")}
            columns={[
              { header: t("month.bench.col.name"), cell: (n) => n.name },
              { header: t("month.bench.col.size"), numeric: true, cell: (n) => n.organisations },
              {
                header: t("month.bench.col.member"),
                cell: (n) =>
                  n.member && n.joinedAt
                    ? t("month.bench.memberSince", { date: new Date(n.joinedAt).toLocaleDateString() })
                    : t("common.no"),
              },
              { header: t("month.bench.col.actions"), cell: actions },
            ]}
          />
        )}
      </section>
      {canManage && (
        <form onSubmit={create} aria-labelledby={createId}>
          <h2 id={createId}>{t("month.bench.create")}</h2>
          <ErrorAlert error={change.create.error} fields={["name"]} />
          <TextField
            label={t("month.bench.name")}
            name="name"
            hint={t("month.bench.createHelp")}
            required
            minLength={2}
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <div className="actions">
            <button
              type="submit"
              className="primary"
              disabled={change.create.isPending || name.trim().length < 2}
            >
              {t("month.bench.create")}
            </button>
          </div>
        </form>
      )}
      {current ? (
        <NetworkFigures network={current} />
      ) : (
        items.length > 0 && <p className="hint">{t("month.bench.onlyMembers")}</p>
      )}
    </Page>
  );
}

/** Where the organisation stands against the network's interval. */
function position(cell: BenchmarkCell): "above" | "below" | "within" | null {
  const iv = cell.network.npsInterval;
  if (!iv || cell.own.nps === null || cell.network.withheld || cell.own.withheld) return null;
  if (cell.own.nps > iv.high) return "above";
  if (cell.own.nps < iv.low) return "below";
  return "within";
}

/** The network's NPS and satisfaction by service type and audience, with the organisation's NPS and rank. */
function NetworkFigures({ network }: { network: Network }) {
  const t = useT();
  const f = useReportFormat();
  const { locale } = useIntl();
  const headingId = useId();
  const [range, setRange] = useState<{ from?: string; to?: string }>({});
  const summary = useNetworkSummary(network.id, locale, range.from, range.to);
  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const from = String(data.get("from") ?? "") || undefined;
    const last = String(data.get("to") ?? "");
    setRange({ from, to: last ? addDays(last, 1) : undefined });
  };
  const figure = (v: number | null, withheld: boolean) =>
    withheld || v === null ? t("month.bench.withheld") : f.index(v);
  type Row = BenchmarkCell & { key: string; label: string };
  const rows: Row[] = summary.data
    ? [
        { ...summary.data.overall, key: "overall", label: t("month.bench.overall") },
        ...summary.data.cells.map((c) => ({
          ...c,
          key: `${c.serviceType}-${c.audience}`,
          label: `${c.serviceTypeLabel} · ${c.audienceLabel}`,
        })),
      ]
    : [];

  return (
    <section aria-labelledby={headingId} className="dash-section">
      <h2 id={headingId}>{t("month.bench.figures", { name: network.name })}</h2>
      {summary.data && (
        <p className="hint">
          {t("month.bench.figuresHelp", {
            minAnswers: summary.data.minAnswers,
            minOrganisations: summary.data.minOrganisations,
          })}
        </p>
      )}
      <form onSubmit={apply} className="filter-grid" aria-label={t("month.bench.period")}>
        <TextField label={t("month.bench.from")} name="from" type="date" hint={t("month.bench.periodHint")} />
        <TextField label={t("month.bench.to")} name="to" type="date" />
        <div className="actions">
          <button type="submit">{t("month.bench.show")}</button>
        </div>
      </form>
      <ErrorAlert error={summary.error} />
      {summary.isPending ? (
        <Loading />
      ) : (
        <DataTable
          labelledBy={headingId}
          rows={rows}
          rowKey={(r) => r.key}
          empty={t("month.bench.withheld")}
          columns={[
            { header: t("month.bench.col.group"), cell: (r) => r.label },
            {
              header: t("month.bench.col.networkNps"),
              numeric: true,
              cell: (r) => figure(r.network.nps, r.network.withheld),
            },
            {
              header: t("month.bench.col.interval"),
              cell: (r) =>
                r.network.npsInterval ? t("month.bench.range", f.interval(r.network.npsInterval)) : "",
            },
            {
              header: t("month.bench.col.networkSat"),
              numeric: true,
              cell: (r) => figure(r.network.satisfactionIndex, r.network.withheld),
            },
            { header: t("month.bench.col.ownAnswers"), numeric: true, cell: (r) => f.count(r.own.answers) },
            {
              header: t("month.bench.col.ownNps"),
              numeric: true,
              cell: (r) => figure(r.own.nps, r.own.withheld),
            },
            {
              header: t("month.bench.col.rank"),
              cell: (r) =>
                r.own.rank === null ? "" : t("month.bench.rank", { rank: r.own.rank, of: r.own.of }),
            },
            {
              header: t("month.bench.col.position"),
              cell: (r) => {
                const p = position(r);
                return p ? t(`month.bench.${p}`) : "";
              },
            },
          ]}
        />
      )}
    </section>
  );
}
