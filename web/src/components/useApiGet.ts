import { useEffect, useState } from 'react';
import { api, ApiError, type Query } from '../api/client';

export interface ApiGet<T> {
  data: T | null;
  loading: boolean;
  error: string | null;
  /** Fetches the same query again (after a failure, or after a change made elsewhere on the page). */
  reload: () => void;
}

/**
 * GETs `url` with `query` and keeps the last answer. It fetches again when `url` or `key`
 * changes (`key` stands for every input of `query`, e.g. the URL's search string) or on
 * `reload`. The previous data stays while the next request runs.
 */
export function useApiGet<T>(url: string, query: Query, key: string): ApiGet<T> {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [reloadCount, setReloadCount] = useState(0);

  useEffect(() => {
    // A response that arrives after the query changed (or the page unmounted) is dropped, so a
    // slow earlier request cannot overwrite the answer of a later one.
    let cancelled = false;
    setLoading(true);
    setError(null);
    api
      .get<T>(url, query)
      .then((result) => {
        if (!cancelled) setData(result);
      })
      .catch((caught: unknown) => {
        if (!cancelled) setError(caught instanceof ApiError ? caught.detail : String(caught));
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
    // key captures every input of query.
  }, [url, key, reloadCount]);

  return { data, loading, error, reload: () => setReloadCount((n) => n + 1) };
}
