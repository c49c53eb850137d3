// Who is signed in, for the whole app: the user from /auth/me, sign-in and sign-out, and what the
// user's role lets the app offer (the server decides; this only chooses what to show).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, ApiError, onSessionEvent } from "../api/client.js";
import type { SignedInUser, User } from "../api/types.js";

interface Session {
  user: SignedInUser | null;
  /** False until the first /auth/me has answered. */
  ready: boolean;
  signIn(email: string, password: string): Promise<SignedInUser>;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
  /** Set when a request found the session gone (shown on the sign-in page). */
  expired: boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SignedInUser | null>(null);
  const [ready, setReady] = useState(false);
  const [expired, setExpired] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setUser(await api("GET /auth/me"));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      setUser(null);
    } finally {
      setReady(true);
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onSessionEvent((event) => {
      if (event === "signed_out") {
        setUser((current) => {
          if (current) setExpired(true);
          return null;
        });
      } else if (event === "password_change_required") {
        setUser((current) => (current ? { ...current, must_change_password: true } : current));
      } else {
        void refresh();
      }
    });
  }, [refresh]);

  const signIn = useCallback(async (email: string, password: string) => {
    const signedIn = await api("POST /auth/login", { body: { email, password } });
    setExpired(false);
    setUser(signedIn);
    return signedIn;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api("POST /auth/logout");
    } finally {
      setUser(null);
    }
  }, []);

  const value = useMemo(() => ({ user, ready, signIn, signOut, refresh, expired }), [user, ready, signIn, signOut, refresh, expired]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}

/** The signed-in user; only for pages shown to signed-in users. */
export function useUser(): SignedInUser {
  const { user } = useSession();
  if (!user) throw new Error("useUser without a signed-in user");
  return user;
}

export const isBureau = (user: User) => user.post === "BUREAU";
export const readsIncidents = (user: User) => user.role !== "admin";
export const recordsIncidents = (user: User) => ["reporter", "approver", "analyst", "editor"].includes(user.role);
export const reviews = (user: User) => ["approver", "analyst", "editor"].includes(user.role);
export const managesUsers = (user: User) => user.role === "admin";
