/** The explorer's stable URLs: each view can be bookmarked, shared and reloaded. */
export const HOME_URL = '/explore';
export const entryUrl = (slug: string) => `/explore/entry/${encodeURIComponent(slug)}`;
export const sourceUrl = (id: string) => `/explore/source/${encodeURIComponent(id)}`;
export const searchUrl = (query: string) => `/explore/search?${new URLSearchParams({ q: query })}`;
export const evidenceUrl = (statement: string) => `/explore/evidence?${new URLSearchParams({ statement })}`;
