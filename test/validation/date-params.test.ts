import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { apiCall } from "../support/api";
import { createTestContext, json, type TestContext } from "../support/app";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
let moderator: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  moderator = await createUser(t, { role: "moderator" });
});
afterAll(() => t.close());

const get = async (path: string) => {
  const res = await t.request(`/api/v1${path}`);
  return { status: res.status, body: await json(res) };
};

// Found by an outside caller: PostgreSQL's "date/time field value out of range" surfaced as 500, and a day that does
// not exist was rolled over into the next month.
const OUT_OF_RANGE = ["9999-12-31", "0000-01-01", "0001-01-01T00:00:00+01:00", "1969-12-31", "+010000-01-01"];
const NOT_A_DAY = ["2024-02-30", "2023-02-29", "2024-04-31", "2024-00-10", "2024-13-01", "2024-01-01T24:00:00Z"];

describe("date parameters: strict, bounded, 400 in the route's error shape", () => {
  test("feeds/clips (plain envelope), both spellings", async () => {
    for (const value of [...OUT_OF_RANGE, ...NOT_A_DAY]) {
      for (const name of ["date_from", "date_to", "filter[date_from]", "filter[date_to]"]) {
        const { status, body } = await get(`/feeds/clips?${name}=${encodeURIComponent(value)}`);
        expect({ value, name, status }).toEqual({ value, name, status: 400 });
        expect(body).toEqual({
          success: false,
          error: expect.stringContaining(name),
          code: expect.any(String),
          request_id: expect.any(String),
        });
      }
    }
  });

  test("clips (standard envelope)", async () => {
    for (const value of [...OUT_OF_RANGE, ...NOT_A_DAY]) {
      const { status, body } = await get(`/clips?date_from=${encodeURIComponent(value)}`);
      expect({ value, status }).toEqual({ value, status: 400 });
      expect(body).toEqual({
        success: false,
        error: { code: expect.any(String), message: expect.any(String) },
        request_id: expect.any(String),
      });
    }
  });

  test("search", async () => {
    for (const value of [...OUT_OF_RANGE, ...NOT_A_DAY]) {
      for (const name of ["date_from", "date_to"]) {
        const { status, body } = await get(`/search?q=x&${name}=${encodeURIComponent(value)}`);
        expect({ value, name, status }).toEqual({ value, name, status: 400 });
        expect(body.success).toBe(false);
        expect(JSON.stringify(body)).toContain(name);
      }
    }
  });

  test("admin submission queue: start_date and end_date", async () => {
    for (const value of [...OUT_OF_RANGE, ...NOT_A_DAY]) {
      for (const name of ["start_date", "end_date"]) {
        const { status, body } = await apiCall(
          t,
          "GET",
          `/admin/submissions?${name}=${encodeURIComponent(value)}`,
          moderator,
        );
        expect({ value, name, status }).toEqual({ value, name, status: 400 });
        expect(body).toEqual({
          success: false,
          error: expect.stringContaining(name),
          code: "VALIDATION_ERROR",
          request_id: expect.any(String),
        });
      }
    }
  });

  test("real dates inside the range still filter, with an offset or a whole day", async () => {
    for (const value of ["2024-02-29", "2016-01-01T00:00:00+01:00", "2030-06-30T12:30:45.123Z", "2100-12-31"]) {
      expect((await get(`/feeds/clips?date_from=${encodeURIComponent(value)}`)).status).toBe(200);
      expect((await get(`/clips?date_to=${encodeURIComponent(value)}`)).status).toBe(200);
      expect((await get(`/search?q=x&date_to=${encodeURIComponent(value)}`)).status).toBe(200);
      const queue = await apiCall(t, "GET", `/admin/submissions?end_date=${encodeURIComponent(value)}`, moderator);
      expect(queue.status).toBe(200);
    }
  });
});
