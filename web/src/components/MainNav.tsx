import { Link } from "@tanstack/react-router";
import { useId } from "react";
import type { MessageId } from "../i18n/messages.ts";
import { useT } from "../i18n/use-t.ts";
import { type Capability, useCapabilities } from "../lib/me.ts";

type NavPath =
  | "/dashboard"
  | "/answers"
  | "/comments"
  | "/employee-of-the-month"
  | "/praise-wall"
  | "/group-labels"
  | "/cases"
  | "/improvement-actions"
  | "/group"
  | "/themes"
  | "/kpi"
  | "/kpi/written-requests"
  | "/kpi/settings"
  | "/kpi/queues"
  | "/report-subscriptions"
  | "/benchmark"
  | "/contacts"
  | "/quality/evaluations"
  | "/quality/dashboard"
  | "/quality/me"
  | "/quality/agreements"
  | "/quality/calibration"
  | "/quality/models"
  | "/surveys"
  | "/send"
  | "/bulk-upload"
  | "/invitations"
  | "/outbox"
  | "/services"
  | "/departments"
  | "/employees"
  | "/channels"
  | "/users"
  | "/api-keys"
  | "/contact-rules"
  | "/follow-up-rule"
  | "/webhooks"
  | "/security"
  | "/audit"
  | "/privacy";

type NavItem = { to: NavPath; id: MessageId; needs?: Capability };
type NavGroup = { id: MessageId | null; items: NavItem[] };

/** The menu: groups in the order of the work (results, surveys, sending, catalogue, settings). */
export const NAV: NavGroup[] = [
  {
    id: "nav.results",
    items: [
      { to: "/dashboard", id: "nav.dashboard", needs: "reports:read" },
      { to: "/answers", id: "nav.answers", needs: "responses:read" },
      { to: "/comments", id: "nav.comments", needs: "responses:read" },
      { to: "/employee-of-the-month", id: "nav.employeeOfTheMonth", needs: "reports:read" },
      { to: "/themes", id: "nav.themes", needs: "reports:read" },
      { to: "/kpi", id: "nav.kpi", needs: "kpi:read" },
      { to: "/kpi/written-requests", id: "nav.writtenRequests", needs: "kpi:read" },
      { to: "/cases", id: "nav.followUp", needs: "cases:read" },
      { to: "/improvement-actions", id: "nav.actions", needs: "actions:read" },
      { to: "/group", id: "nav.group", needs: "group:read" },
      { to: "/benchmark", id: "month.nav.benchmark", needs: "reports:read" },
      { to: "/report-subscriptions", id: "month.nav.subscriptions", needs: "reports:read" },
    ],
  },
  {
    id: "nav.quality",
    items: [
      { to: "/quality/evaluations", id: "nav.evaluations", needs: "quality:read" },
      { to: "/quality/dashboard", id: "nav.qualityDashboard", needs: "quality:read" },
      { to: "/quality/me", id: "nav.myPage", needs: "quality:read" },
      { to: "/quality/agreements", id: "nav.agreements", needs: "quality:read" },
      { to: "/quality/calibration", id: "nav.calibration", needs: "quality:evaluate" },
      { to: "/quality/models", id: "nav.qualityModels", needs: "quality:manage" },
    ],
  },
  { id: null, items: [{ to: "/surveys", id: "nav.surveys", needs: "surveys:read" }] },
  {
    id: "nav.sending",
    items: [
      { to: "/send", id: "nav.send", needs: "surveys:write" },
      { to: "/bulk-upload", id: "nav.bulkUpload", needs: "surveys:write" },
      { to: "/invitations", id: "nav.invitations", needs: "surveys:read" },
      { to: "/outbox", id: "nav.outbox", needs: "outbox:read" },
      { to: "/contacts", id: "month.nav.contacts", needs: "contacts:read" },
    ],
  },
  {
    id: "nav.catalogue",
    items: [
      { to: "/services", id: "nav.services", needs: "catalog:read" },
      { to: "/departments", id: "nav.departments", needs: "catalog:read" },
      { to: "/employees", id: "nav.employees", needs: "catalog:read" },
      { to: "/channels", id: "nav.channels", needs: "catalog:read" },
    ],
  },
  {
    id: "nav.settings",
    items: [
      { to: "/users", id: "nav.users", needs: "members:manage" },
      { to: "/api-keys", id: "nav.apiKeys", needs: "apiKeys:manage" },
      { to: "/contact-rules", id: "nav.contactRules", needs: "surveys:read" },
      { to: "/follow-up-rule", id: "nav.followUpRule", needs: "followup:manage" },
      { to: "/kpi/settings", id: "nav.kpiSettings", needs: "kpi:manage" },
      { to: "/kpi/queues", id: "nav.kpiQueues", needs: "kpi:manage" },
      { to: "/praise-wall", id: "nav.praiseWall", needs: "praise:publish" },
      { to: "/group-labels", id: "nav.groupLabels", needs: "reports:read" },
      { to: "/webhooks", id: "nav.webhooks", needs: "webhooks:manage" },
      { to: "/security", id: "nav.security" },
      { to: "/privacy", id: "nav.privacy", needs: "privacy:manage" },
      { to: "/audit", id: "nav.audit", needs: "audit:read" },
    ],
  },
];

/** The main navigation: grouped lists of links (each group named for screen readers), only what the role may use. */
export function MainNav() {
  const t = useT();
  return (
    <nav className="main-nav" aria-label={t("nav.label")}>
      <ul className="nav-groups">
        {NAV.map((group) => (
          <NavGroupItem key={group.items[0].to} group={group} />
        ))}
      </ul>
    </nav>
  );
}

function NavGroupItem({ group }: { group: NavGroup }) {
  const t = useT();
  const labelId = useId();
  const can = useCapabilities();
  const allowed = group.items.filter((item) => !item.needs || can(item.needs));
  if (allowed.length === 0) return null;
  const links = allowed.map((item) => (
    <li key={item.to}>
      <Link to={item.to}>{t(item.id)}</Link>
    </li>
  ));
  if (!group.id) return <>{links}</>;
  return (
    <li className="nav-group">
      <span id={labelId} className="nav-group-label">
        {t(group.id)}
      </span>
      <ul aria-labelledby={labelId}>{links}</ul>
    </li>
  );
}
