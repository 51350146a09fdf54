import { type ReactNode, useEffect, useId, useRef } from "react";

type FormSectionProps = {
  title: string /** Take focus when shown (editing an item). */;
  focus: boolean;
  children: ReactNode;
};

/** A titled form area; when it opens for editing, its heading takes focus so the change is announced. */
export function FormSection({ title, focus, children }: FormSectionProps) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  return (
    <section aria-labelledby={id} className="form-section">
      <h2 id={id} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}
