/** `oidc-provider` ships no types; the tests use its constructor, `callback()` and `on()`. */
declare module "oidc-provider" {
  interface TAccount {
    accountId: string;
    claims(): Promise<Record<string, unknown>>;
  }
  interface TConfiguration {
    clients?: Record<string, unknown>[];
    claims?: Record<string, string[]>;
    conformIdTokenClaims?: boolean;
    cookies?: { keys: string[] };
    features?: Record<string, unknown>;
    findAccount?(ctx: unknown, sub: string): Promise<TAccount | undefined>;
  }
  export default class Provider {
    constructor(issuer: string, configuration?: TConfiguration);
    callback(): (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
}
