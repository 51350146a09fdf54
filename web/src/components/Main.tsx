import type { ReactNode } from "react";

export const MAIN_ID = "main";

/** The main landmark, the skip link's target. */
export function Main({ children }: { children: ReactNode }) {
  return (
    <main id={MAIN_ID} tabIndex={-1}>
      {children}
    </main>
  );
}
