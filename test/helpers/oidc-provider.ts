import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface TOidcClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/** A person the provider knows: `login` is what the login form takes (and the subject). */
export interface TOidcAccount {
  email: string;
  emailVerified: boolean;
  name?: string;
}

export interface TOidcProvider {
  issuer: string;
  /** Adds or replaces a person. */
  accounts: Map<string, TOidcAccount>;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (`oidc-provider`, its development login and consent forms) on 127.0.0.1 with a
 * random port: authorization-code flow with PKCE, RS256 ID tokens carrying the e-mail claims.
 */
export async function startOidcProvider(clients: TOidcClient[]): Promise<TOidcProvider> {
  const accounts = new Map<string, TOidcAccount>();
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [c.redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    })),
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // The e-mail claims in the ID token itself (as most providers do), not only at userinfo.
    conformIdTokenClaims: false,
    cookies: { keys: ["test-cookie-key-0123456789abcdef"] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      const person = accounts.get(sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          email: person.email,
          email_verified: person.emailVerified,
          name: person.name ?? sub,
        }),
      };
    },
  });
  // The development forms warn on every start; the tests know.
  provider.on("server_error", () => {});
  server.on("request", provider.callback());
  return {
    issuer,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Cookies per host, as a browser keeps them (paths ignored: the provider's are all its own). */
export class CookieJar {
  readonly #byHost = new Map<string, Map<string, string>>();
  store(url: string, setCookie: string[]) {
    const host = new URL(url).host;
    const jar = this.#byHost.get(host) ?? new Map<string, string>();
    for (const line of setCookie) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1);
      if (value === "" || /max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    this.#byHost.set(host, jar);
  }
  header(url: string): string {
    const jar = this.#byHost.get(new URL(url).host);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join("; ") : "";
  }
}
