import { describe, expect, test } from "bun:test";
import { parseClipSlug } from "../../src/modules/submissions/clip-url";

const SLUG = "AwkwardHelplessSalamanderSwiftRage-x_Yz09";

describe("parseClipSlug", () => {
  test.each([
    `https://clips.twitch.tv/${SLUG}`,
    `http://clips.twitch.tv/${SLUG}`,
    `clips.twitch.tv/${SLUG}`,
    `https://clips.twitch.tv/${SLUG}/`,
    `https://clips.twitch.tv/${SLUG}?filter=clips&range=7d`,
    `https://www.twitch.tv/some_streamer/clip/${SLUG}`,
    `www.twitch.tv/some_streamer/clip/${SLUG}?t=1`,
    `https://twitch.tv/some_streamer/clip/${SLUG}/`,
    `https://m.twitch.tv/some_streamer/clip/${SLUG}`,
    `https://m.twitch.tv/clip/${SLUG}`,
    `https://clips.twitch.tv/embed?clip=${SLUG}&parent=localhost`,
    `clips.twitch.tv/embed?clip=${SLUG}`,
    `HTTPS://CLIPS.TWITCH.TV/${SLUG}`,
    `  ${SLUG}  `,
    SLUG,
  ])("accepts %s", (input) => {
    expect(parseClipSlug(input)).toBe(SLUG);
  });

  test.each([
    "",
    "   ",
    "a".repeat(101),
    "javascript:alert(1)",
    "data:text/html,hi",
    "file:///etc/passwd",
    "ftp://clips.twitch.tv/Foo",
    "https://evil.example/clip/Foo",
    "https://clips.twitch.tv.evil.example/Foo",
    "https://evil.example/?u=https://clips.twitch.tv/Foo",
    "http://127.0.0.1/clip/Foo",
    "http://169.254.169.254/latest/meta-data",
    "http://[::1]/clip/Foo",
    "localhost:8080/some/clip/Foo",
    "https://user:pass@clips.twitch.tv/Foo",
    "https://clips.twitch.tv:8443/Foo",
    "https://clips.twitch.tv/",
    "https://clips.twitch.tv/a/b",
    "https://clips.twitch.tv/embed",
    "https://clips.twitch.tv/embed?clip=bad%20id",
    "https://www.twitch.tv/some_streamer",
    "https://www.twitch.tv/some_streamer/videos/123",
    "https://www.twitch.tv/some_streamer/clip/",
    "https://www.twitch.tv/some_streamer/clip/bad%2Fid",
    "https://www.twitch.tv/some_streamer/clip/Foo/extra",
    "not a url at all",
    "Foo<script>",
  ])("rejects %p", (input) => {
    expect(parseClipSlug(input)).toBeUndefined();
  });
});
