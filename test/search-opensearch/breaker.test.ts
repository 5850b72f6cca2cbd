import { describe, expect, test } from "bun:test";
import { clipFilterClauses, clipTextQuery } from "../../src/modules/search/opensearch-query";
import { CircuitBreaker } from "../../src/platform/search/opensearch-breaker";
import { failureKind } from "../../src/platform/search/opensearch-client";

function breaker(failureThreshold = 3) {
  let now = 0;
  const b = new CircuitBreaker({ failureThreshold, cooldownMs: 1000, now: () => now });
  return { b, advance: (ms: number) => (now += ms) };
}

describe("circuit breaker", () => {
  test("opens after N consecutive errors; a success in between resets the count", () => {
    const { b } = breaker(3);
    b.failure("error");
    b.failure("error");
    b.success();
    b.failure("error");
    b.failure("error");
    expect(b.state).toBe("closed");
    b.failure("error");
    expect(b.state).toBe("open");
    expect(b.allow()).toBe(false);
  });

  test("a timeout opens it at once", () => {
    const { b } = breaker(5);
    b.failure("timeout");
    expect(b.state).toBe("open");
  });

  test("half-open after the cool-down lets one trial through; success closes, failure re-opens", () => {
    const { b, advance } = breaker(1);
    b.failure("error");
    advance(999);
    expect(b.allow()).toBe(false);
    advance(1);
    expect(b.state).toBe("half-open");
    expect(b.allow()).toBe(true);
    expect(b.allow()).toBe(false);
    b.failure("error");
    expect(b.state).toBe("open");
    advance(1000);
    expect(b.allow()).toBe(true);
    b.success();
    expect(b.state).toBe("closed");
    expect(b.allow()).toBe(true);
  });

  test("client errors are classified as timeout or error", () => {
    expect(failureKind(Object.assign(new Error("x"), { name: "TimeoutError" }))).toBe("timeout");
    expect(failureKind(Object.assign(new Error("x"), { name: "ConnectionError" }))).toBe("error");
    expect(failureKind(undefined)).toBe("error");
  });
});

describe("query building", () => {
  test("user text only appears as match/multi_match query values", () => {
    const q = 'title:x OR * AND "{\\"script\\"}" (';
    const body = JSON.stringify(clipTextQuery(q));
    expect(body).not.toContain("query_string");
    expect(body).not.toContain("simple_query_string");
    const values: string[] = [];
    JSON.parse(body, (key, value) => {
      if (value === q) values.push(key);
      return value;
    });
    expect(new Set(values)).toEqual(new Set(["query"]));
  });

  test("filters mirror the postgres engine: term, range, one term per required tag", () => {
    const clauses = clipFilterClauses({
      gameId: "g1",
      creatorId: "c1",
      broadcasterId: "b1",
      language: "EN",
      minVotes: 3,
      dateFrom: new Date("2025-01-01T00:00:00Z"),
      tags: ["funny", "clutch"],
    });
    expect(clauses).toEqual([
      { term: { game_id: "g1" } },
      { term: { creator_id: "c1" } },
      { term: { broadcaster_id: "b1" } },
      { term: { language: "EN" } },
      { range: { vote_score: { gte: 3 } } },
      { range: { created_at: { gte: "2025-01-01T00:00:00.000Z", lte: undefined } } },
      { term: { tags: "funny" } },
      { term: { tags: "clutch" } },
    ]);
  });
});
