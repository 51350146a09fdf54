import { type ReactNode, useEffect, useRef } from "react";

let navigated = false;

type PageProps = { title: string; children: ReactNode };

/** A screen: sets the document title, renders the one h1, and moves focus to it after navigation. */
export function Page({ title, children }: PageProps) {
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} – Kaja`;
  }, [title]);

  useEffect(() => {
    // The first screen keeps the browser's focus; later ones announce themselves by taking it.
    if (navigated) heading.current?.focus();
    navigated = true;
  }, []);

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </>
  );
}
