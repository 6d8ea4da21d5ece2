import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { TablePaginationConfig } from 'antd';
import type { Query } from '../api/client';
import type { Page } from '../api/types';
import { useI18n } from '../i18n';
import { useApiGet } from './useApiGet';

const DEFAULT_PAGE_SIZE = 20;
const PAGE_SIZE_OPTIONS = [10, 20, 50, 100];

/** Filters are plain strings because they live in the URL; '' means "not set". */
type StringFields<F> = { [K in keyof F]: string };

/** What setQuery accepts: any filters to change, and the page and page size. */
export type QueryChange<F> = Partial<F> & { page?: number; pageSize?: number };

export interface UrlList<T, F, P extends Page<T> = Page<T>> {
  filters: F;
  page: number;
  pageSize: number;
  data: P | null;
  loading: boolean;
  error: string | null;
  /** For the list's antd Table: the current page, the total, and page changes written to the URL. */
  pagination: TablePaginationConfig;
  /** Merges `next` into the current query and writes it to the URL, which triggers a fetch. */
  setQuery: (next: QueryChange<F>) => void;
  /** Clears every parameter (filters and paging) from the URL. */
  reset: () => void;
  /** Fetches the same query again (after a failure, or after a change made elsewhere on the page). */
  reload: () => void;
}

function readNumber(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/**
 * A paged list whose query lives in the URL search params, so that a filtered page can be
 * bookmarked, shared and navigated with back/forward. `parseFilters` reads the page's own
 * params (sorting is just two more of them, e.g. `sort` and `order`); `page` and `pageSize` are
 * handled here. Every filter is sent to `url` as is, with `page` and `pageSize`; the API
 * answers a `Page<T>` (or `P`, a page with more fields). `fixed` holds parameters sent with every
 * request but not kept in the URL's search params (a route parameter, for example).
 *
 * `filters` keeps its identity while the URL does not change, so a page may use it as an
 * effect dependency (for example to show the URL's values in its filter form). For that,
 * `parseFilters` must depend on nothing but `params` (a module-level function).
 */
export function useUrlList<T, F extends StringFields<F>, P extends Page<T> = Page<T>>(
  url: string,
  parseFilters: (params: URLSearchParams) => F,
  fixed?: Query,
): UrlList<T, F, P> {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const queryKey = params.toString();
  // Parsed once per distinct URL query; see the note on `filters` above.
  const filters = useMemo(() => parseFilters(params), [queryKey]);
  const page = readNumber(params.get('page'), 1);
  const pageSize = readNumber(params.get('pageSize'), DEFAULT_PAGE_SIZE);

  // `fixed` joins the key so that a new value fetches again; without it the key is the URL's.
  const fixedKey = fixed ? JSON.stringify(fixed) : '';
  const { data, loading, error, reload } = useApiGet<P>(url, { ...fixed, ...filters, page, pageSize }, fixedKey ? `${queryKey}#${fixedKey}` : queryKey);

  // Only set values go into the URL, and paging only when it differs from the default, to
  // keep links short. Parameters the page does not parse are dropped.
  function writeParams(nextFilters: Record<string, string>, nextPage: number, nextPageSize: number) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(nextFilters)) if (value) search.set(key, value);
    if (nextPage !== 1) search.set('page', String(nextPage));
    if (nextPageSize !== DEFAULT_PAGE_SIZE) search.set('pageSize', String(nextPageSize));
    setParams(search);
  }

  function setQuery(next: QueryChange<F>) {
    const { page: nextPage = page, pageSize: nextPageSize = pageSize, ...changed } = next;
    writeParams({ ...filters, ...changed } as Record<string, string>, nextPage, nextPageSize);
  }

  return {
    filters,
    page,
    pageSize,
    data,
    loading,
    error,
    pagination: {
      current: page,
      pageSize,
      total: data?.total ?? 0,
      showSizeChanger: true,
      pageSizeOptions: PAGE_SIZE_OPTIONS,
      showTotal: (total) => t('common.total', { total }),
      // A new page size starts again at page 1: the old page number may no longer exist.
      onChange: (nextPage, nextSize) => writeParams(filters, nextSize !== pageSize ? 1 : nextPage, nextSize),
    },
    setQuery,
    reset: () => setParams(new URLSearchParams()),
    reload,
  };
}
