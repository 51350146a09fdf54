import { useState } from "react";
import { useT } from "../i18n/use-t.ts";

type CopyButtonProps = { text: string; label: string; accessibleName?: string };

/** Copies text to the clipboard and says so in a live region. */
export function CopyButton({ text, label, accessibleName }: CopyButtonProps) {
  const t = useT();
  const [result, setResult] = useState<"copied" | "failed" | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setResult("copied");
    } catch {
      setResult("failed");
    }
  };

  return (
    <>
      <button type="button" aria-label={accessibleName} onClick={copy}>
        {label}
      </button>{" "}
      <span role="status" className="small">
        {result && t(result === "copied" ? "copy.done" : "copy.failed")}
      </span>
    </>
  );
}
