import { useState } from "react";
import { SelectField } from "../../components/Field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useQualityModel, useQualityModels } from "../../lib/quality.ts";

/** The scorecard models usable now (not archived, with an active version), the one chosen and its active version. */
export function useActiveModelChoice() {
  const models = useQualityModels();
  const [modelId, setModelId] = useState("");
  const model = useQualityModel(modelId, modelId !== "");
  return {
    modelId,
    setModelId,
    usable: (models.data?.items ?? []).filter((m) => !m.archived && m.activeVersion !== null),
    active: model.data?.versions.find((v) => v.status === "active"),
  };
}

type ModelSelectProps = { choice: ReturnType<typeof useActiveModelChoice>; error?: string };

/** The model select of a new evaluation or calibration session: each usable model with its channel. */
export function ModelSelect({ choice, error }: ModelSelectProps) {
  const t = useT();
  return (
    <SelectField
      label={t("quality.model")}
      name="modelId"
      required
      value={choice.modelId}
      error={error}
      hint={choice.usable.length === 0 ? t("quality.new.noModels") : undefined}
      onChange={(e) => choice.setModelId(e.target.value)}
    >
      <option value="">{t("quality.choose")}</option>
      {choice.usable.map((m) => (
        <option key={m.id} value={m.id}>
          {m.name} ({t(`quality.channel.${m.channel}`)})
        </option>
      ))}
    </SelectField>
  );
}
