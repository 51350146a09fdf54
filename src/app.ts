import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, {
  type FastifyInstance,
  type FastifyServerOptions,
  type preValidationHookHandler,
} from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { secureCookies } from "./config.ts";
import type { AppDeps } from "./context.ts";
import { registerAuthBridge } from "./http/auth-bridge.ts";
import { installErrorHandlers } from "./http/error-handler.ts";
import { registerHealth } from "./http/health.ts";
import { applySecurityHeaders } from "./http/security-headers.ts";
import { rejectNul } from "./http/strict-input.ts";
import { openApiOptions } from "./http/openapi.ts";
import { registerAccountRoutes } from "./modules/accounts/routes.ts";
import { registerCatalogRoutes } from "./modules/catalog/routes.ts";
import { registerDeliveryRoutes } from "./modules/delivery/routes.ts";
import { registerUnsubscribePages } from "./modules/delivery/unsubscribe-routes.ts";
import { registerDistributionRoutes } from "./modules/distribution/routes.ts";
import { registerFollowUpPublicRoutes } from "./modules/followup/public-routes.ts";
import { registerFollowUpRoutes } from "./modules/followup/routes.ts";
import { registerGroupRoutes } from "./modules/group/routes.ts";
import { registerIdentityRoutes } from "./modules/identity/routes.ts";
import { registerSsoStart } from "./modules/identity/sso-start.ts";
import { registerPrivacyRoutes } from "./modules/privacy/routes.ts";
import { registerKpiRoutes } from "./modules/kpi/routes.ts";
import { registerQualityRoutes } from "./modules/quality/routes.ts";
import { registerReportRoutes } from "./modules/insights/routes.ts";
import { registerCommentRoutes } from "./modules/insights/comments/routes.ts";
import { registerExportRoutes } from "./modules/insights/exports/routes.ts";
import { registerReportSubscriptionRoutes } from "./modules/insights/exports/subscription-routes.ts";
import { registerPraisePublicRoutes } from "./modules/insights/praise/public-routes.ts";
import { registerPraiseRoutes } from "./modules/insights/praise/routes.ts";
import { LINK_REQUESTS_PER_ADDRESS } from "./modules/responses/limit-link-requests.ts";
import { registerPublicSurveyRoutes } from "./modules/responses/public-routes.ts";
import { registerImportRoute, registerResponseRoutes } from "./modules/responses/routes.ts";
import { registerSurveyRoutes } from "./modules/surveys/routes.ts";
import { registerThemeRoutes } from "./modules/themes/routes.ts";
import { registerWebhookRoutes } from "./modules/webhooks/routes.ts";

// Typed for Ajv's and fast-json-stringify's schemas; the zod compilers take the routes' zod schemas.
const zodCompilers = {
  buildValidator: () => validatorCompiler,
  buildSerializer: () => serializerCompiler,
} as unknown as NonNullable<FastifyServerOptions["schemaController"]>["compilersFactory"];

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../web/dist");

export interface BuildAppOptions {
  logger?: boolean | object;
  /** Requests per minute per client address on the API (sign-in has its own, stricter limit). */
  apiRateLimit?: number;
  /** Requests per minute per client address for survey links (/s/…); each link has its own limit too. */
  linkRateLimit?: number;
}

/** Builds the Fastify application from the modules; tests build it too. */
export async function buildApp(
  deps: AppDeps,
  { logger = false, apiRateLimit = 1200, linkRateLimit = LINK_REQUESTS_PER_ADDRESS }: BuildAppOptions = {},
) {
  const app = Fastify({
    logger,
    trustProxy: deps.config.TRUST_PROXY,
    bodyLimit: 1_048_576,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    // Every route is validated and serialised with zod: naming the compilers here keeps Fastify from loading
    // Ajv and fast-json-stringify for its defaults, which no route uses (a tenth of the start's CPU).
    schemaController: { compilersFactory: zodCompilers },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandlers(app);
  // PostgreSQL cannot store U+0000 in text or jsonb: refuse it up front, naming the field, on every route. The
  // check is added to each route as it is registered, so that whether it reads the body is decided once, not
  // per request (request.routeOptions builds a new object on every read). Hooks on every request take a
  // callback, not a promise: an async hook costs a promise and a microtask turn also where it does nothing.
  app.addHook("onRoute", (route) => {
    const checkBody = !route.config?.answerForm;
    const check: preValidationHookHandler = (request, _reply, done) => {
      rejectNul(request, { checkBody });
      done();
    };
    const own = route.preValidation;
    route.preValidation = own === undefined ? check : [...(Array.isArray(own) ? own : [own]), check];
  });
  // helmet's headers, worked out once (@fastify/helmet would build helmet's middleware again on every request),
  // and the request id, set before anything runs so that every reply carries it, errors included.
  app.addHook("onRequest", (request, reply, done) => {
    applySecurityHeaders(reply.raw);
    reply.header("x-request-id", request.id);
    done();
  });
  await app.register(cookie);
  await app.register(csrf, {
    cookieOpts: {
      signed: false,
      httpOnly: true,
      sameSite: "strict",
      path: "/",
      // The same rule as the session cookie: Secure whenever PUBLIC_URL is https, unless SECURE_COOKIES says otherwise.
      secure: secureCookies(deps.config),
    },
  });
  await app.register(formbody);
  await app.register(rateLimit, {
    max: apiRateLimit,
    timeWindow: "1 minute",
    allowList: (req) => !req.url.startsWith("/api/"),
  });
  await app.register(swagger, openApiOptions(deps.config));
  await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  registerHealth(app, deps);
  registerPublicSurveyRoutes(app, deps, { perAddress: linkRateLimit });
  registerUnsubscribePages(app, deps);
  registerPraisePublicRoutes(app, deps);
  registerFollowUpPublicRoutes(app, deps, { perAddress: linkRateLimit });
  registerAuthBridge(app, deps);
  registerSsoStart(app, deps);
  await app.register(
    async (api) => {
      registerAccountRoutes(api.withTypeProvider<ZodTypeProvider>(), deps);
      registerCatalogRoutes(api.withTypeProvider<ZodTypeProvider>(), deps);
      registerSurveyRoutes(api.withTypeProvider<ZodTypeProvider>(), deps);
      registerThemeRoutes(api.withTypeProvider<ZodTypeProvider>(), deps);
      registerResponseRoutes(api.withTypeProvider<ZodTypeProvider>(), deps);
      registerImportRoute(api.withTypeProvider<ZodTypeProvider>(), deps);
      registerDeliveryRoutes(api.withTypeProvider<ZodTypeProvider>(), deps);
      registerWebhookRoutes(api.withTypeProvider<ZodTypeProvider>(), deps);
      registerDistributionRoutes(api.withTypeProvider<ZodTypeProvider>(), deps);
      registerReportRoutes(api.withTypeProvider<ZodTypeProvider>(), deps);
      registerCommentRoutes(api.withTypeProvider<ZodTypeProvider>(), deps);
      registerPraiseRoutes(api.withTypeProvider<ZodTypeProvider>(), deps);
      registerExportRoutes(api.withTypeProvider<ZodTypeProvider>(), deps);
      registerReportSubscriptionRoutes(api.withTypeProvider<ZodTypeProvider>(), deps);
      registerFollowUpRoutes(api.withTypeProvider<ZodTypeProvider>(), deps);
      registerGroupRoutes(api.withTypeProvider<ZodTypeProvider>(), deps);
      registerQualityRoutes(api.withTypeProvider<ZodTypeProvider>(), deps);
      registerIdentityRoutes(api.withTypeProvider<ZodTypeProvider>(), deps);
      registerPrivacyRoutes(api.withTypeProvider<ZodTypeProvider>(), deps);
      registerKpiRoutes(api.withTypeProvider<ZodTypeProvider>(), deps);
    },
    { prefix: "/api/v1" },
  );
  registerAdminApp(app);
  // The admin app lives under /app/ (its relative asset paths need the slash): /app, typed by hand, goes there.
  app.get("/app", { schema: { hide: true } }, (req, reply) => {
    const query = req.url.indexOf("?");
    return reply.redirect(`/app/${query < 0 ? "" : req.url.slice(query)}`, 308);
  });
  app.get("/", { schema: { hide: true } }, (_req, reply) => reply.redirect("/app/"));
  return app;
}

export type KajaApp = Awaited<ReturnType<typeof buildApp>>;

function registerAdminApp(app: FastifyInstance): void {
  if (!existsSync(path.join(webDist, "index.html"))) {
    app.get("/app/*", { schema: { hide: true } }, (_req, reply) =>
      reply
        .status(503)
        .type("text/plain; charset=utf-8")
        .send("The admin app is not built: run `npm run build:web`."),
    );
    return;
  }
  app.register(fastifyStatic, { root: webDist, prefix: "/app/", index: ["index.html"], wildcard: false });
  // Client-side routes: any other /app/* path gets the app shell.
  app.get("/app/*", { schema: { hide: true } }, (_req, reply) => reply.sendFile("index.html", webDist));
}
