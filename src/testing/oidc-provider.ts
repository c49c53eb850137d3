// A real OpenID Connect provider for the tests (oidc-provider), on loopback at a random port, with
// one client (confidential, PKCE required) and its own minimal login page: a form that takes the
// account's e-mail address (no password: the provider's own checks are not what is tested). Consent
// is given by the provider itself for the one client. The accounts and their claims are the test's.
import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

interface ProviderAccount {
  sub: string;
  email: string;
  email_verified: boolean;
  name?: string;
  /** The role claim Rapporteur maps (OIDC_ROLE_CLAIM=rapporteur_role) and the post claim. */
  rapporteur_role?: string | string[];
  rapporteur_post?: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Add or replace an account (by its sub). */
  account(account: ProviderAccount): void;
  close(): Promise<void>;
}

const CLIENT_ID = "rapporteur-test";
const CLIENT_SECRET = "a test client secret that is long enough";

async function formBody(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Test identity provider</title></head><body><main>${body}</main></body></html>`;

/**
 * Start the provider; `redirectUris` are where it may send browsers back (the app's callback). A
 * function is asked at the first request, for an app whose port is known only once it listens.
 */
export async function startOidcProvider(redirectUris: string[] | (() => string[])): Promise<TestOidcProvider> {
  const accounts = new Map<string, ProviderAccount>();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const make = () =>
    new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: typeof redirectUris === "function" ? redirectUris() : redirectUris,
          grant_types: ["authorization_code"],
          response_types: ["code"],
        },
      ],
      pkce: { required: () => true, methods: ["S256"] },
      // Fixed lifetimes (in seconds), so the provider does not warn about its defaults.
      ttl: { Session: 3600, Interaction: 600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
      // The claims go into the ID token itself, which is what Rapporteur reads.
      conformIdTokenClaims: false,
      claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "rapporteur_role", "rapporteur_post"] },
      scopes: ["openid", "email", "profile"],
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      cookies: { keys: ["a test cookie signing key"] },
      jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), use: "sig", alg: "RS256", kid: "test" }] },
      async findAccount(_ctx, id) {
        const found = accounts.get(id);
        if (!found) return undefined;
        return { accountId: id, claims: async () => ({ ...found }) };
      },
      // The one client is first-party: consent is given without asking.
      async loadExistingGrant(ctx) {
        const clientId = ctx.oidc.client!.clientId;
        const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(clientId);
        if (grantId) return ctx.oidc.provider.Grant.find(grantId);
        const grant = new ctx.oidc.provider.Grant({ clientId, accountId: ctx.oidc.session!.accountId! });
        grant.addOIDCScope("openid email profile");
        await grant.save();
        return grant;
      },
    });
  let made: { provider: Provider; handle: ReturnType<Provider["callback"]> } | null = null;
  server.on("request", (request, response) => {
    if (!made) {
      const provider = make();
      made = { provider, handle: provider.callback() };
    }
    const { provider, handle } = made;
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(new URL(request.url ?? "/", issuer).pathname);
    if (!match) return handle(request, response);
    void (async () => {
      const details = await provider.interactionDetails(request, response);
      if (request.method === "GET") {
        response.setHeader("content-type", "text/html; charset=utf-8");
        response.end(
          page(
            `<h1>Test identity provider</h1><form method="post" action="/interaction/${details.uid}/login">` +
              `<label for="login">E-mail address</label> <input id="login" name="login" type="email" autocomplete="username"> ` +
              `<button type="submit">Continue</button></form>`,
          ),
        );
        return;
      }
      const login = (await formBody(request)).get("login") ?? "";
      const found = [...accounts.values()].find((a) => a.email === login);
      if (!found) {
        response.statusCode = 400;
        response.setHeader("content-type", "text/html; charset=utf-8");
        response.end(page("<p>No such account at the test identity provider.</p>"));
        return;
      }
      await provider.interactionFinished(request, response, { login: { accountId: found.sub } }, { mergeWithLastSubmission: false });
    })().catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  });
  return {
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    account: (account) => void accounts.set(account.sub, account),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
