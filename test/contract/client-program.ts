/**
 * A small client of the API, compiled by typed-client.test.ts against types generated from the served document
 * (it imports `./api`, which the test writes next to it). Each line reads a field a real client relies on, so the
 * program stops compiling when the document loses one.
 */
export const CLIENT_PROGRAM = `
import createClient from "openapi-fetch";
import type { paths } from "./api";

const api = createClient<paths>({ baseUrl: "http://localhost:8080" });

export async function readFeed(): Promise<string[]> {
  const { data, error } = await api.GET("/api/v1/feeds/clips", { params: { query: { limit: 20, sort: "hot" } } });
  if (error || !data) return [];
  const more: boolean = data.pagination.has_more;
  const next: string | undefined = data.pagination.cursor;
  const votes: number[] = data.clips.map((clip) => clip.vote_score + clip.upvote_count);
  console.log(more, next, votes);
  return data.clips.map((clip) => \`\${clip.title} by \${clip.submitted_by?.display_name ?? clip.creator_name}\`);
}

export async function readComments(id: string): Promise<number> {
  const { data } = await api.GET("/api/v1/clips/{id}/comments", {
    params: { path: { id }, query: { include_replies: "true" } },
  });
  const first = data?.comments[0];
  const reply = first?.replies?.[0];
  const text: string | undefined = reply?.content;
  const author: string | undefined = first?.author_display_name;
  console.log(text, author, data?.has_more, data?.next_cursor);
  return data?.total ?? 0;
}

export async function readSearch(q: string): Promise<number> {
  const { data } = await api.GET("/api/v1/search", { params: { query: { q, type: "all" } } });
  if (!data) return 0;
  const titles: string[] = (data.results.clips ?? []).map((clip) => clip.title);
  const tags: string[] = (data.results.tags ?? []).map((tag) => tag.slug);
  console.log(titles, tags, data.counts.creators, data.facets?.date_range.last_day);
  return data.meta.total_items;
}

export async function readClip(id: string): Promise<string> {
  const { data, error } = await api.GET("/api/v1/clips/{id}", { params: { path: { id } } });
  // Family A answers errors as {error: {code, message}}; the header check (431) and the limiter (429) answer plain.
  if (error) return typeof error.error === "string" ? error.error : error.error.message;
  return data.data.embed_url;
}
`;
