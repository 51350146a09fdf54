import { type FormEvent, useId } from "react";
import { CatalogueFilterFields, GroupFilterField } from "../../components/AnswerFilterFields.tsx";
import { TextField } from "../../components/Field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { type AnswerFilters, parseAnswerFilters } from "../../lib/answers.ts";

type AnswerFiltersFormProps = { filters: AnswerFilters; onApply: (filters: AnswerFilters) => void };

/** The filters as a form; applying them puts them in the address, so a filtered list can be bookmarked. */
export function AnswerFiltersForm({ filters, onApply }: AnswerFiltersFormProps) {
  const t = useT();
  const headingId = useId();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget));
    onApply(parseAnswerFilters(data));
  };

  return (
    <section aria-labelledby={headingId} className="filters">
      <h2 id={headingId}>{t("answers.filters")}</h2>
      {/* A new key when the address changes, so the fields show what the list shows. */}
      <form key={JSON.stringify(filters)} onSubmit={submit} noValidate>
        <div className="filter-grid">
          <CatalogueFilterFields values={filters} />
          <GroupFilterField value={filters.group} />
          <TextField label={t("answers.from")} name="from" type="date" defaultValue={filters.from ?? ""} />
          <TextField label={t("answers.to")} name="to" type="date" defaultValue={filters.to ?? ""} />
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            name="hasComment"
            value="true"
            defaultChecked={filters.hasComment === "true"}
          />
          {t("answers.hasComment")}
        </label>
        <div className="actions">
          <button type="submit" className="primary">
            {t("answers.apply")}
          </button>
          <button type="button" onClick={() => onApply({})}>
            {t("answers.clear")}
          </button>
        </div>
      </form>
    </section>
  );
}
