import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from "react";

type Described = { label: string; hint?: ReactNode; error?: string };

function useDescribed({ hint, error }: Described) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return { id, hintId, errorId, describedBy, invalid: error ? true : undefined };
}

function Extras({ hint, error, hintId, errorId }: Described & { hintId?: string; errorId?: string }) {
  return (
    <>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </>
  );
}

type TextFieldProps = Described & InputHTMLAttributes<HTMLInputElement> & { name: string };

/** A labelled input with an optional hint and error, both tied to it by aria-describedby. */
export function TextField({ label, hint, error, ...input }: TextFieldProps) {
  const d = useDescribed({ label, hint, error });
  return (
    <div className="field">
      <label htmlFor={d.id}>{label}</label>
      <input id={d.id} aria-invalid={d.invalid} aria-describedby={d.describedBy} {...input} />
      <Extras hint={hint} error={error} label={label} hintId={d.hintId} errorId={d.errorId} />
    </div>
  );
}

type SelectFieldProps = Described & SelectHTMLAttributes<HTMLSelectElement> & { name?: string };

/** A labelled select with an optional hint and error. */
export function SelectField({ label, hint, error, children, ...select }: SelectFieldProps) {
  const d = useDescribed({ label, hint, error });
  return (
    <div className="field">
      <label htmlFor={d.id}>{label}</label>
      <select id={d.id} aria-invalid={d.invalid} aria-describedby={d.describedBy} {...select}>
        {children}
      </select>
      <Extras hint={hint} error={error} label={label} hintId={d.hintId} errorId={d.errorId} />
    </div>
  );
}

type TextAreaFieldProps = Described & TextareaHTMLAttributes<HTMLTextAreaElement> & { name?: string };

/** A labelled text area with an optional hint and error. */
export function TextAreaField({ label, hint, error, ...area }: TextAreaFieldProps) {
  const d = useDescribed({ label, hint, error });
  return (
    <div className="field">
      <label htmlFor={d.id}>{label}</label>
      <textarea id={d.id} aria-invalid={d.invalid} aria-describedby={d.describedBy} rows={3} {...area} />
      <Extras hint={hint} error={error} label={label} hintId={d.hintId} errorId={d.errorId} />
    </div>
  );
}

type CheckboxFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & {
  label: ReactNode;
  hint?: string;
};

/** A checkbox with its label beside it (and an optional hint tied to it). */
export function CheckboxField({ label, hint, ...input }: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className="field checkbox-field">
      <label className="checkbox" htmlFor={id}>
        <input id={id} type="checkbox" aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
        <span>{label}</span>
      </label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}
