import { useDateTime, useT } from "../../i18n/use-t.ts";
import type { AnalysedComment } from "../../lib/themes.ts";

/** Comments as a list: the text in its language, the score, the tone of its words and when it came. */
export function CommentList({ items, empty }: { items: AnalysedComment[]; empty: string }) {
  const t = useT();
  const at = useDateTime();
  if (items.length === 0) return <p>{empty}</p>;
  return (
    <ul className="comment-list">
      {items.map((c) => (
        <li key={c.responseId}>
          <blockquote lang={c.locale}>{c.comment}</blockquote>
          <p className="hint">
            {t("themes.comment.meta", {
              score: c.score,
              tone: t(`themes.tone.${c.textTone as "positive"}`),
              at: at(c.receivedAt),
            })}
          </p>
        </li>
      ))}
    </ul>
  );
}
