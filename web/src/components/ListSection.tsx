import type { ReactNode, Ref } from "react";

type ListSectionProps = { id: string; title: string; children: ReactNode; ref?: Ref<HTMLHeadingElement> };

/** A titled section whose heading can take focus (after a form closes, focus returns here). */
export function ListSection({ id, title, children, ref }: ListSectionProps) {
  return (
    <section>
      <h2 id={id} ref={ref} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}
