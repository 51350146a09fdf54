import { Link, useNavigate } from "@tanstack/react-router";
import { useId } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { ItemTable } from "../../components/ItemTable.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useCan } from "../../lib/me.ts";
import { useCreateModel, useQualityModels, useQualityTemplates } from "../../lib/quality.ts";

/** The organisation's evaluation models and the four SKA templates to copy. */
export function ModelsScreen() {
  const t = useT();
  const models = useQualityModels();
  const templates = useQualityTemplates();
  const canManage = useCan("quality:manage");
  const create = useCreateModel();
  const navigate = useNavigate();
  const ids = { list: useId(), templates: useId() };
  return (
    <Page title={t("quality.models.title")}>
      <p>{t("quality.models.intro")}</p>
      <h2 id={ids.list}>{t("quality.models.list")}</h2>
      <ErrorAlert error={models.error} />
      {models.isPending ? (
        <Loading />
      ) : (
        <ItemTable
          labelledBy={ids.list}
          items={models.data?.items ?? []}
          empty={t("quality.models.empty")}
          columns={[
            {
              header: t("quality.models.name"),
              cell: (m) => (
                <Link to="/quality/models/$modelId" params={{ modelId: m.id }}>
                  {m.name}
                </Link>
              ),
            },
            { header: t("quality.channel"), cell: (m) => t(`quality.channel.${m.channel}`) },
            {
              header: t("quality.models.active"),
              cell: (m) => (m.activeVersion === null ? t("quality.models.noActive") : m.activeVersion),
            },
            { header: t("quality.models.latest"), cell: (m) => m.latestVersion },
          ]}
        />
      )}
      {canManage && (
        <section aria-labelledby={ids.templates}>
          <h2 id={ids.templates}>{t("quality.templates.title")}</h2>
          <p className="hint">{t("quality.templates.help")}</p>
          <ErrorAlert error={templates.error ?? create.error} />
          <ul className="template-list">
            {(templates.data?.items ?? []).map((tpl) => (
              <li key={tpl.key}>
                <strong>{tpl.title}</strong> ({t(`quality.channel.${tpl.channel}`)},{" "}
                {t("quality.templates.sum", { sum: tpl.weightSum })}){" "}
                <button
                  type="button"
                  disabled={create.isPending}
                  onClick={() =>
                    create.mutate(
                      { name: tpl.title, templateKey: tpl.key },
                      {
                        onSuccess: (m) =>
                          navigate({ to: "/quality/models/$modelId", params: { modelId: m.id } }),
                      },
                    )
                  }
                >
                  {t("quality.templates.copy", { title: tpl.title })}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Page>
  );
}
