import { z } from "zod";

/**
 * The one parser for date query parameters. Strict (a day that does not exist is refused, not rolled over) and
 * bounded to years PostgreSQL, OpenSearch and JavaScript all represent the same way, so no date reaches a query that
 * the database would reject with a 500.
 */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;
const MIN_DATE = new Date("1970-01-01T00:00:00Z");
const MAX_DATE = new Date("2100-12-31T23:59:59.999Z");
export const DATE_FORMAT_HINT = "use YYYY-MM-DD or an RFC 3339 timestamp between 1970 and 2100";

export interface ParsedDate {
  date: Date;
  /** A bare YYYY-MM-DD: the whole of that UTC day. */
  wholeDay: boolean;
}

const isRealDay = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/** The instant `value` names, or undefined when it is malformed, not a real date or time, or out of range. */
export function parseDateParam(value: string): ParsedDate | undefined {
  const day = DAY.exec(value);
  const time = day ? undefined : DATETIME.exec(value);
  const parts = (day ?? time)?.slice(1, 4).map(Number);
  if (!parts || !isRealDay(parts[0]!, parts[1]!, parts[2]!)) return undefined;
  if (time) {
    const [hours, minutes, seconds] = time.slice(4, 7).map(Number);
    const [offsetHours, offsetMinutes] = [Number(time[9] ?? 0), Number(time[10] ?? 0)];
    if (hours! > 23 || minutes! > 59 || seconds! > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  }
  const date = new Date(day ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime()) || date < MIN_DATE || date > MAX_DATE) return undefined;
  return { date, wholeDay: !!day };
}

/**
 * A date query parameter as zod: undefined when absent or empty, a 400 naming the parameter otherwise. A bare day as
 * an upper bound means the whole of that day (its last millisecond, for inclusive comparisons).
 */
export const dateQueryParam = (bound: "from" | "to") =>
  z
    .string()
    .max(40)
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return undefined;
      const parsed = parseDateParam(v);
      if (!parsed) {
        ctx.addIssue({ code: "custom", message: DATE_FORMAT_HINT });
        return z.NEVER;
      }
      if (bound === "from" || !parsed.wholeDay) return parsed.date;
      return new Date(parsed.date.getTime() + 86_400_000 - 1);
    });
