import { useEffect, useState } from 'react';
import type { OpenData } from './types';

/** The published indicators, from the open-data file anyone may download (no session needed). */
export function useOpenData(): { data: OpenData | null; error: string | null } {
  const [data, setData] = useState<OpenData | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    fetch('/open-data/indicators.json', { headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((d: OpenData) => { if (!cancelled) setData(d); })
      .catch((e: unknown) => { if (!cancelled) setError(String(e)); });
    return () => { cancelled = true; };
  }, []);
  return { data, error };
}
