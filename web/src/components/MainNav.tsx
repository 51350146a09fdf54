import { Link } from "@tanstack/react-router";
import { useT } from "../i18n/use-t.ts";
import type { MessageId } from "../i18n/messages.ts";
import { useActiveOrg } from "../lib/me.ts";

type NavItem = {
  to: "/services" | "/departments" | "/employees" | "/channels" | "/users" | "/api-keys";
  id: MessageId;
};

const CATALOGUE: NavItem[] = [
  { to: "/services", id: "nav.services" },
  { to: "/departments", id: "nav.departments" },
  { to: "/employees", id: "nav.employees" },
  { to: "/channels", id: "nav.channels" },
];
const ADMIN: NavItem[] = [
  { to: "/users", id: "nav.users" },
  { to: "/api-keys", id: "nav.apiKeys" },
];

/** The main navigation; user and key administration only for owners and admins. */
export function MainNav() {
  const t = useT();
  const { canManage } = useActiveOrg();
  const items = canManage ? [...CATALOGUE, ...ADMIN] : CATALOGUE;
  return (
    <nav className="main-nav" aria-label={t("nav.label")}>
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <Link to={item.to}>{t(item.id)}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
