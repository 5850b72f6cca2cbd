const SLUG = /^[A-Za-z0-9_-]{1,100}$/;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const CHANNEL_HOSTS = new Set(["twitch.tv", "www.twitch.tv", "m.twitch.tv"]);

export const isClipSlug = (value: string) => SLUG.test(value);

function slugFromUrl(url: URL): string | null | undefined {
  const segments = url.pathname.split("/").filter(Boolean);
  const host = url.hostname.toLowerCase();
  if (host === "clips.twitch.tv") {
    if (segments.length === 1 && segments[0] === "embed") return url.searchParams.get("clip");
    return segments.length === 1 ? segments[0] : undefined;
  }
  if (!CHANNEL_HOSTS.has(host)) return undefined;
  // `<user>/clip/<id>` everywhere, plus the mobile site's `clip/<id>`.
  const at = segments.length === 3 ? 1 : segments.length === 2 ? 0 : -1;
  return at >= 0 && segments[at] === "clip" ? segments[at + 1] : undefined;
}

/**
 * The Twitch clip slug in a clip URL or a bare slug; undefined for anything else. Only Twitch's own hosts over
 * http(s), without credentials or ports, are accepted: the slug alone is ever sent anywhere, never the URL.
 */
export function parseClipSlug(input: string): string | undefined {
  const raw = input.trim();
  if (!raw || raw.length > 500) return undefined;
  if (isClipSlug(raw)) return raw;
  let url: URL;
  try {
    url = new URL(HAS_SCHEME.test(raw) ? raw : `https://${raw}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  if (url.username || url.password || url.port) return undefined;
  const slug = slugFromUrl(url);
  return slug && isClipSlug(slug) ? slug : undefined;
}

export const canonicalClipUrl = (slug: string) => `https://clips.twitch.tv/${slug}`;
export const clipEmbedUrl = (slug: string) => `https://clips.twitch.tv/embed?clip=${slug}`;
