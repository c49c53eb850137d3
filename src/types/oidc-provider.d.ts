// oidc-provider (the test OpenID Connect provider, src/testing/oidc-provider.ts) ships no types:
// the little of its API the tests use.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>>;
  }

  interface Grant {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  interface Context {
    oidc: {
      provider: Provider;
      client?: { clientId: string };
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      result?: { consent?: { grantId?: string } };
    };
  }

  export interface Configuration {
    clients: Record<string, unknown>[];
    findAccount(ctx: Context, id: string): Promise<Account | undefined>;
    claims?: Record<string, string[]>;
    scopes?: string[];
    features?: Record<string, unknown>;
    interactions?: { url(ctx: Context, interaction: { uid: string }): string };
    loadExistingGrant?(ctx: Context): Promise<Grant | undefined>;
    cookies?: { keys: string[] };
    jwks?: { keys: Record<string, unknown>[] };
    pkce?: { required(): boolean; methods?: string[] };
    conformIdTokenClaims?: boolean;
    ttl?: Record<string, number>;
    renderError?(ctx: { type: string; body: string }, out: Record<string, string>, error: Error): void;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    Grant: { new (fields: { clientId: string; accountId: string }): Grant; find(id: string): Promise<Grant | undefined> };
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<{ uid: string; prompt: { name: string }; params: Record<string, unknown> }>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }
}
