// A signed-in API client for the fault tests, which talk to the server process without a browser.

/** A signed-in API client for one account (session cookie plus CSRF token). */
export async function signIn(base: string, username: string, password: string) {
  const pre = await fetch(`${base}/api/auth/session`);
  const preCookie = pre.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken: preToken } = (await pre.json()) as { csrfToken: string };
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': preToken, cookie: preCookie },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`login of ${username} failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).filter((c) => !c.endsWith('=')).join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const send = (method: string, path: string, body?: unknown, type = 'application/json', lang = 'zh-CN') => fetch(`${base}${path}`, {
    method,
    headers: { cookie, 'accept-language': lang, ...(body === undefined ? {} : { 'content-type': type, 'x-csrf-token': csrfToken }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    send,
    get: async <T = any>(path: string, lang?: string): Promise<T> => {
      const res = await send('GET', path, undefined, undefined, lang);
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    post: (path: string, body: unknown = {}, type?: string) => send('POST', path, body, type),
    patch: (path: string, body: unknown) => send('PATCH', path, body),
  };
}
export type Client = Awaited<ReturnType<typeof signIn>>;
