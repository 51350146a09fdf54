import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from "@tanstack/react-router";
import { AuthedLayout } from "./components/AuthedLayout.tsx";
import { PublicLayout } from "./components/PublicLayout.tsx";
import { RootLayout } from "./components/RootLayout.tsx";
import { RouteError } from "./components/RouteError.tsx";
import { parseAnswerFilters } from "./lib/answers.ts";
import { parseCommentFilters } from "./lib/comments.ts";
import { parseInvitationFilters } from "./lib/invitations.ts";
import { parseGroupFilters } from "./lib/group.ts";
import { parseDashboardFilters } from "./lib/reports.ts";
import { BASE } from "./lib/base.ts";
import { NotFound } from "./screens/not-found.tsx";

const str = (value: unknown) => (typeof value === "string" && value ? value : undefined);

/** An in-app path to return to after signing in; anything else (other sites, "//host") is dropped. */
const safeRedirect = (value: unknown) => {
  const path = str(value);
  return path?.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : undefined;
};

const NOTICES = ["password-reset", "signed-out"] as const;
export type SignInNotice = (typeof NOTICES)[number];

const rootRoute = createRootRoute({ component: RootLayout, notFoundComponent: NotFound });

const publicRoute = createRoute({ getParentRoute: () => rootRoute, id: "public", component: PublicLayout });

const signInRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: "sign-in",
  validateSearch: (
    s: Record<string, unknown>,
  ): { redirect?: string; notice?: SignInNotice; error?: string; org?: string } => ({
    redirect: safeRedirect(s.redirect),
    notice: NOTICES.find((n) => n === s.notice),
    // A refused single sign-on comes back with better-auth's or Kaja's code; the page translates known ones.
    error: typeof s.error === "string" ? s.error.slice(0, 100) : undefined,
    org: typeof s.org === "string" ? s.org.slice(0, 100) : undefined,
  }),
  component: lazyRouteComponent(() => import("./screens/sign-in.tsx"), "SignInScreen"),
});

const forgotRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: "forgot-password",
  component: lazyRouteComponent(() => import("./screens/forgot-password.tsx"), "ForgotPasswordScreen"),
});

const resetRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: "reset-password",
  validateSearch: (s: Record<string, unknown>): { token?: string } => ({ token: str(s.token) }),
  component: lazyRouteComponent(() => import("./screens/reset-password.tsx"), "ResetPasswordScreen"),
});

const acceptRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: "accept-invitation",
  validateSearch: (s: Record<string, unknown>): { id?: string } => ({ id: str(s.id) }),
  component: lazyRouteComponent(() => import("./screens/accept-invitation.tsx"), "AcceptInvitationScreen"),
});

const authedRoute = createRoute({ getParentRoute: () => rootRoute, id: "authed", component: AuthedLayout });

const indexRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/",
  beforeLoad: () => {
    throw redirect({ to: "/services", replace: true });
  },
});

const servicesRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "services",
  component: lazyRouteComponent(() => import("./screens/services.tsx"), "ServicesScreen"),
});
const departmentsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "departments",
  component: lazyRouteComponent(() => import("./screens/departments.tsx"), "DepartmentsScreen"),
});
const employeesRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "employees",
  component: lazyRouteComponent(() => import("./screens/employees.tsx"), "EmployeesScreen"),
});
const channelsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "channels",
  component: lazyRouteComponent(() => import("./screens/channels.tsx"), "ChannelsScreen"),
});
const usersRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "users",
  component: lazyRouteComponent(() => import("./screens/users.tsx"), "UsersScreen"),
});
const securityRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "security",
  component: lazyRouteComponent(() => import("./screens/identity/security.tsx"), "SecurityScreen"),
});
const apiKeysRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "api-keys",
  component: lazyRouteComponent(() => import("./screens/api-keys.tsx"), "ApiKeysScreen"),
});

const auditRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "audit",
  component: lazyRouteComponent(() => import("./screens/privacy/audit-log.tsx"), "AuditLogScreen"),
});

const privacyRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "privacy",
  component: lazyRouteComponent(() => import("./screens/privacy/privacy.tsx"), "PrivacyScreen"),
});

const dashboardRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "dashboard",
  validateSearch: parseDashboardFilters,
  component: lazyRouteComponent(() => import("./screens/dashboard/dashboard.tsx"), "DashboardScreen"),
});
const surveysRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "surveys",
  component: lazyRouteComponent(() => import("./screens/surveys/surveys.tsx"), "SurveysScreen"),
});
const surveyRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "surveys/$surveyId",
  validateSearch: (s: Record<string, unknown>): { created?: "1" } => ({
    created: s.created === "1" ? "1" : undefined,
  }),
  component: lazyRouteComponent(() => import("./screens/surveys/survey-editor.tsx"), "SurveyEditorScreen"),
});
const surveyImportRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "surveys/$surveyId/import",
  component: lazyRouteComponent(() => import("./screens/surveys/survey-import.tsx"), "SurveyImportScreen"),
});
const answersRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "answers",
  validateSearch: parseAnswerFilters,
  component: lazyRouteComponent(() => import("./screens/answers/answers.tsx"), "AnswersScreen"),
});
const answerRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "answers/$answerId",
  // The list's filters ride along, so "back to the list" returns to the same list.
  validateSearch: parseAnswerFilters,
  component: lazyRouteComponent(() => import("./screens/answers/answer-detail.tsx"), "AnswerDetailScreen"),
});
const commentsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "comments",
  validateSearch: parseCommentFilters,
  component: lazyRouteComponent(() => import("./screens/comments/comments.tsx"), "CommentsScreen"),
});
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const employeeOfTheMonthRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "employee-of-the-month",
  validateSearch: (s: Record<string, unknown>): { month?: string } => ({
    month: MONTH.test(str(s.month) ?? "") ? str(s.month) : undefined,
  }),
  component: lazyRouteComponent(
    () => import("./screens/praise/employee-of-the-month.tsx"),
    "EmployeeOfTheMonthScreen",
  ),
});
const praiseSettingsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "praise-wall",
  component: lazyRouteComponent(() => import("./screens/praise/praise-settings.tsx"), "PraiseSettingsScreen"),
});
const groupLabelsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "group-labels",
  component: lazyRouteComponent(() => import("./screens/praise/group-labels.tsx"), "GroupLabelsScreen"),
});
const surveyChoice = (s: Record<string, unknown>): { surveyId?: string } => ({ surveyId: str(s.surveyId) });
const sendRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "send",
  validateSearch: surveyChoice,
  component: lazyRouteComponent(() => import("./screens/sending/send.tsx"), "SendScreen"),
});
const bulkRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "bulk-upload",
  validateSearch: surveyChoice,
  component: lazyRouteComponent(() => import("./screens/sending/bulk-upload.tsx"), "BulkUploadScreen"),
});
const invitationsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "invitations",
  validateSearch: parseInvitationFilters,
  component: lazyRouteComponent(() => import("./screens/sending/invitations.tsx"), "InvitationsScreen"),
});
const outboxRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "outbox",
  component: lazyRouteComponent(() => import("./screens/sending/outbox.tsx"), "OutboxScreen"),
});
const contactRulesRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "contact-rules",
  component: lazyRouteComponent(() => import("./screens/settings/contact-rules.tsx"), "ContactRulesScreen"),
});
const followUpRuleRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "follow-up-rule",
  component: lazyRouteComponent(() => import("./screens/settings/follow-up-rule.tsx"), "FollowUpRuleScreen"),
});
const webhooksRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "webhooks",
  component: lazyRouteComponent(() => import("./screens/settings/webhooks.tsx"), "WebhooksScreen"),
});

const CASE_VIEW_VALUES = ["mine", "department", "overdue", "all"] as const;
const CASE_STATE_VALUES = ["open", "in_progress", "contacted", "unreachable", "resolved"] as const;
const casesRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "cases",
  validateSearch: (
    s: Record<string, unknown>,
  ): { view: (typeof CASE_VIEW_VALUES)[number]; state?: (typeof CASE_STATE_VALUES)[number] } => ({
    view: CASE_VIEW_VALUES.find((v) => v === s.view) ?? "all",
    state: CASE_STATE_VALUES.find((v) => v === s.state),
  }),
  component: lazyRouteComponent(() => import("./screens/followup/cases.tsx"), "CasesScreen"),
});
const caseRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "cases/$caseId",
  component: lazyRouteComponent(() => import("./screens/followup/case-detail.tsx"), "CaseDetailScreen"),
});
const actionsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "improvement-actions",
  component: lazyRouteComponent(() => import("./screens/followup/actions.tsx"), "ActionsScreen"),
});
const actionRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "improvement-actions/$actionId",
  component: lazyRouteComponent(() => import("./screens/followup/action-detail.tsx"), "ActionDetailScreen"),
});

const themesRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "themes",
  component: lazyRouteComponent(() => import("./screens/themes/themes.tsx"), "ThemesScreen"),
});
const kpiRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "kpi",
  component: lazyRouteComponent(() => import("./screens/kpi/kpi.tsx"), "KpiScreen"),
});
const writtenRequestsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "kpi/written-requests",
  component: lazyRouteComponent(() => import("./screens/kpi/written-requests.tsx"), "WrittenRequestsScreen"),
});
const kpiSettingsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "kpi/settings",
  component: lazyRouteComponent(() => import("./screens/kpi/kpi-settings.tsx"), "KpiSettingsScreen"),
});
const kpiQueuesRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "kpi/queues",
  component: lazyRouteComponent(() => import("./screens/kpi/kpi-queues.tsx"), "KpiQueuesScreen"),
});
const groupRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "group",
  validateSearch: parseGroupFilters,
  component: lazyRouteComponent(() => import("./screens/group/group.tsx"), "GroupScreen"),
});
const groupAgencyRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "group/agencies/$agencyId",
  validateSearch: parseGroupFilters,
  component: lazyRouteComponent(() => import("./screens/group/agency-services.tsx"), "AgencyServicesScreen"),
});
const QUALITY_CHANNEL_VALUES = ["face_to_face", "phone", "email", "self_service", "other"] as const;
const EVALUATION_STATE_VALUES = ["draft", "submitted", "seen", "disputed", "final"] as const;
const AGREEMENT_STATE_VALUES = ["open", "done", "missed"] as const;
const evaluationsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "quality/evaluations",
  validateSearch: (
    s: Record<string, unknown>,
  ): {
    employeeId?: string;
    channel?: (typeof QUALITY_CHANNEL_VALUES)[number];
    month?: string;
    state?: (typeof EVALUATION_STATE_VALUES)[number];
  } => ({
    employeeId: str(s.employeeId),
    channel: QUALITY_CHANNEL_VALUES.find((v) => v === s.channel),
    month: typeof s.month === "string" && /^\d{4}-\d{2}$/.test(s.month) ? s.month : undefined,
    state: EVALUATION_STATE_VALUES.find((v) => v === s.state),
  }),
  component: lazyRouteComponent(() => import("./screens/quality/evaluations.tsx"), "EvaluationsScreen"),
});
const evaluationRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "quality/evaluations/$evaluationId",
  component: lazyRouteComponent(() => import("./screens/quality/evaluation.tsx"), "EvaluationScreen"),
});
const qualityModelsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "quality/models",
  component: lazyRouteComponent(() => import("./screens/quality/models.tsx"), "ModelsScreen"),
});
const qualityModelRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "quality/models/$modelId",
  component: lazyRouteComponent(() => import("./screens/quality/model-editor.tsx"), "ModelEditorScreen"),
});
const agreementsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "quality/agreements",
  validateSearch: (s: Record<string, unknown>): { state?: (typeof AGREEMENT_STATE_VALUES)[number] } => ({
    state: AGREEMENT_STATE_VALUES.find((v) => v === s.state),
  }),
  component: lazyRouteComponent(() => import("./screens/quality/agreements.tsx"), "AgreementsScreen"),
});
const month = (value: unknown) =>
  typeof value === "string" && /^\d{4}-\d{2}$/.test(value) ? value : undefined;
const qualityDashboardRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "quality/dashboard",
  validateSearch: (s: Record<string, unknown>): { from?: string; to?: string } => ({
    from: month(s.from),
    to: month(s.to),
  }),
  component: lazyRouteComponent(
    () => import("./screens/quality/quality-dashboard.tsx"),
    "QualityDashboardScreen",
  ),
});
const employeePageRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "quality/employees/$employeeId",
  component: lazyRouteComponent(() => import("./screens/quality/employee-page.tsx"), "EmployeePageScreen"),
});
const calibrationRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "quality/calibration",
  validateSearch: (s: Record<string, unknown>): { evaluator?: string } => ({ evaluator: str(s.evaluator) }),
  component: lazyRouteComponent(
    () => import("./screens/quality/calibration-sessions.tsx"),
    "CalibrationSessionsScreen",
  ),
});
const calibrationSessionRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "quality/calibration/$sessionId",
  component: lazyRouteComponent(
    () => import("./screens/quality/calibration-session.tsx"),
    "CalibrationSessionScreen",
  ),
});
const myPageRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "quality/me",
  component: lazyRouteComponent(() => import("./screens/quality/employee-page.tsx"), "MyPageScreen"),
});

const reportSubscriptionsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "report-subscriptions",
  component: lazyRouteComponent(
    () => import("./screens/reports/report-subscriptions.tsx"),
    "ReportSubscriptionsScreen",
  ),
});
const benchmarkRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "benchmark",
  component: lazyRouteComponent(() => import("./screens/benchmark/benchmark.tsx"), "BenchmarkScreen"),
});
const contactsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "contacts",
  validateSearch: (s: Record<string, unknown>): { q?: string; id?: string } => ({
    q: str(s.q)?.slice(0, 200),
    id: str(s.id),
  }),
  component: lazyRouteComponent(() => import("./screens/contacts/contacts.tsx"), "ContactsScreen"),
});

const routeTree = rootRoute.addChildren([
  publicRoute.addChildren([signInRoute, forgotRoute, resetRoute, acceptRoute]),
  authedRoute.addChildren([
    securityRoute,
    indexRoute,
    servicesRoute,
    departmentsRoute,
    employeesRoute,
    channelsRoute,
    usersRoute,
    apiKeysRoute,
    dashboardRoute,
    surveysRoute,
    surveyRoute,
    surveyImportRoute,
    answersRoute,
    commentsRoute,
    employeeOfTheMonthRoute,
    praiseSettingsRoute,
    groupLabelsRoute,
    casesRoute,
    caseRoute,
    actionsRoute,
    actionRoute,
    groupRoute,
    groupAgencyRoute,
    themesRoute,
    kpiRoute,
    writtenRequestsRoute,
    kpiSettingsRoute,
    kpiQueuesRoute,
    evaluationsRoute,
    evaluationRoute,
    qualityModelsRoute,
    qualityModelRoute,
    agreementsRoute,
    qualityDashboardRoute,
    employeePageRoute,
    myPageRoute,
    calibrationRoute,
    calibrationSessionRoute,
    answerRoute,
    sendRoute,
    bulkRoute,
    invitationsRoute,
    outboxRoute,
    auditRoute,
    privacyRoute,
    contactRulesRoute,
    followUpRuleRoute,
    webhooksRoute,
    reportSubscriptionsRoute,
    benchmarkRoute,
    contactsRoute,
  ]),
]);

// Search values stay plain strings (the default JSON parsing would turn "123" into a number).
const parseSearch = (search: string) => Object.fromEntries(new URLSearchParams(search));
const stringifySearch = (search: Record<string, unknown>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : "";
};

export const router = createRouter({
  routeTree,
  basepath: BASE,
  parseSearch,
  stringifySearch,
  defaultPreload: "intent",
  defaultErrorComponent: RouteError,
  scrollRestoration: true,
});

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
