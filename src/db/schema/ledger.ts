import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, jsonb, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { users } from "./users";

export const karmaHistory = pgTable(
  "karma_history",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    amount: integer().notNull(),
    source: varchar({ length: 50 }).notNull(),
    sourceId: uuid(),
    createdAt: createdAt(),
  },
  (t) => [index("karma_history_user_idx").on(t.userId, t.createdAt.desc())],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: id(),
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    action: varchar({ length: 100 }).notNull(),
    targetType: varchar({ length: 50 }).notNull(),
    targetId: varchar({ length: 100 }).notNull(),
    reason: text(),
    metadata: jsonb().$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_log_created_idx").on(t.createdAt.desc()),
    index("audit_log_target_idx").on(t.targetType, t.targetId),
    index("audit_log_actor_idx").on(t.actorId, t.createdAt.desc()),
  ],
);

export const searchQueries = pgTable(
  "search_queries",
  {
    id: id(),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    query: varchar({ length: 500 }).notNull(),
    filters: jsonb().$type<Record<string, unknown>>(),
    resultCount: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index("search_queries_created_idx").on(t.createdAt.desc()),
    index("search_queries_user_idx").on(t.userId, t.createdAt.desc()),
  ],
);

export const OUTBOX_TOPICS = ["search-index", "embed", "notify"] as const;
export type OutboxTopic = (typeof OUTBOX_TOPICS)[number];

// Written in the same transaction as the change it describes; a relay moves rows to the job queues.
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    topic: varchar({ length: 30 }).$type<OutboxTopic>().notNull(),
    aggregateType: varchar({ length: 30 }).notNull(),
    aggregateId: uuid().notNull(),
    // Nothing ever read it (jobs re-read the row), so it is no longer written; nullable so instances still writing it
    // during a rolling deploy keep working. The next release drops it.
    operation: varchar({ length: 20 }).$type<"upsert" | "delete">(),
    createdAt: createdAt(),
    processedAt: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    lastError: text(),
  },
  (t) => [
    index("outbox_pending_idx").on(t.id).where(sql`processed_at is null`),
    // The retention job deletes processed rows by age.
    index("outbox_processed_idx").on(t.processedAt).where(sql`processed_at is not null`),
    check("outbox_topic_check", sql`${t.topic} in ('search-index', 'embed', 'notify')`),
    check("outbox_operation_check", sql`${t.operation} in ('upsert', 'delete')`),
  ],
);
