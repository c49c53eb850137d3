// Loading data for a page: the result, the error, and a way to load again. A newer request
// supersedes an older one, so a slow answer never overwrites a fresher one.
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client.js";

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
  /** Replace the data (after a change the server answered with the new record). */
  setData(data: T): void;
}

export function useApi<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the load depends on (deps); tick is the reload button
  useEffect(() => {
    const request = ++latest.current;
    setLoading(true);
    load().then(
      (result) => {
        if (request !== latest.current) return;
        setData(result);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (request !== latest.current) return;
        setError(failure instanceof ApiError ? failure : new ApiError(0, "client", failure instanceof Error ? failure.message : String(failure)));
        setLoading(false);
      },
    );
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload, setData };
}
