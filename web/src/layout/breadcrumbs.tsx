// Inner pages of a module add their own crumbs below the module's ("工作台 / 企业档案 / 某公司").
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

export interface Crumb {
  title: string;
  /** A link for every crumb but the last. */
  path?: string;
}

const TrailContext = createContext<((trail: Crumb[]) => void) | null>(null);
const TrailValueContext = createContext<Crumb[]>([]);

export function BreadcrumbTrailProvider({ children }: { children: ReactNode }) {
  const [trail, setTrail] = useState<Crumb[]>([]);
  return (
    <TrailContext.Provider value={setTrail}>
      <TrailValueContext.Provider value={trail}>{children}</TrailValueContext.Provider>
    </TrailContext.Provider>
  );
}

/** The crumbs after the module's; cleared when the page unmounts. */
export function useBreadcrumbTrail(trail: Crumb[]): void {
  const setTrail = useContext(TrailContext);
  const key = JSON.stringify(trail);
  useEffect(() => {
    setTrail?.(trail);
    return () => setTrail?.([]);
    // key captures every crumb's title and path.
  }, [key, setTrail]);
}

export function useTrail(): Crumb[] {
  return useContext(TrailValueContext);
}
