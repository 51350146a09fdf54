import { useQuery } from "@tanstack/react-query";
import { api } from "../api.ts";

/** Where e-mail goes: an SMTP server, or the local outbox (nothing leaves the machine). */
export type MailMode = "smtp" | "outbox";

/** The server's mail mode (undefined until known). */
export function useMailMode(): MailMode | undefined {
  const q = useQuery({
    queryKey: ["mail-mode"],
    queryFn: () => api.get<{ mode: MailMode }>("/api/v1/mail-mode"),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  return q.data?.mode;
}
