import type { FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../context.ts";
import { AppError } from "../http/errors.ts";
import { toHeaders, verifyCsrf } from "./access.ts";

/** The signed-in user (cookie session), whether or not they belong to an organisation yet. */
export async function requireSignedIn(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  { csrf = true } = {},
) {
  const found = await deps.auth.api.getSession({ headers: toHeaders(request.headers) });
  if (!found) throw new AppError("UNAUTHENTICATED", { message: { key: "problem.auth.signInFirst" } });
  if (csrf && request.method !== "GET") {
    await verifyCsrf(request, reply);
  }
  return {
    userId: found.user.id,
    email: found.user.email,
    name: found.user.name,
    locale: (found.user as { locale?: string | null }).locale ?? null,
    twoFactorEnabled: (found.user as { twoFactorEnabled?: boolean | null }).twoFactorEnabled === true,
    sessionId: found.session.id,
    activeOrganizationId:
      (found.session as { activeOrganizationId?: string | null }).activeOrganizationId ?? null,
  };
}
