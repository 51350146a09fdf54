import { ConfirmButton } from "../../components/ConfirmButton.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useEndMemberSessions } from "../../lib/identity.ts";

type Props = { memberId: string; name: string; onStatus: (message: string) => void };

/** An owner's button that signs a member out everywhere (a lost laptop, someone leaving). */
export function EndMemberSessionsButton({ memberId, name, onStatus }: Props) {
  const t = useT();
  const end = useEndMemberSessions();
  return (
    <ConfirmButton
      label={t("members.endSessions")}
      accessibleName={t("members.endSessionsNamed", { name })}
      question={t("members.endSessionsQuestion", { name })}
      confirmLabel={t("members.endSessionsConfirm")}
      disabled={end.isPending}
      onConfirm={() =>
        end.mutate(memberId, {
          onSuccess: (r) => onStatus(t("members.sessionsEnded", { name, count: r.ended })),
          onError: (e) => onStatus(e.message),
        })
      }
    />
  );
}
