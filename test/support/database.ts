import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { type Database, openPglite, openPostgres } from "../../src/db/client";

/**
 * One migrated template per test process; each test file gets its own copy:
 * an in-memory PGlite loaded from a dump, or, with TEST_DATABASE_URL, a real database created from a template.
 */
const realUrl = process.env.TEST_DATABASE_URL;
const TEMPLATE_DB = "clipper_test_template";

let template: Promise<Blob | string> | undefined;

function databaseUrl(base: string, name: string) {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function buildTemplate(): Promise<Blob | string> {
  if (!realUrl) {
    const db = await openPglite({});
    await db.migrate();
    const dump = await db.dump!();
    await db.close();
    return dump;
  }
  const admin = postgres(realUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.unsafe(`create database ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const db = openPostgres(databaseUrl(realUrl, TEMPLATE_DB), 1);
  await db.migrate();
  await db.close();
  return TEMPLATE_DB;
}

export const usingRealPostgres = Boolean(realUrl);

export async function createTestDatabase(): Promise<Database> {
  template ??= buildTemplate();
  const source = await template;
  if (typeof source !== "string") return openPglite({ loadDataDir: source });

  const name = `clipper_test_${randomUUID().replaceAll("-", "")}`;
  const admin = postgres(realUrl!, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${source}`);
  } finally {
    await admin.end();
  }
  const db = openPostgres(databaseUrl(realUrl!, name), 10);
  return {
    ...db,
    close: async () => {
      await db.close();
      const cleanup = postgres(realUrl!, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`).finally(() => cleanup.end());
    },
  };
}

/**
 * An empty database of its own on the server at `serverUrl`, for a process under test that migrates it itself.
 * `drop()` removes it (connections forced off).
 */
export async function createEmptyPostgresDatabase(serverUrl: string, label: string) {
  const name = `clipper_test_${label}_${randomUUID().replaceAll("-", "")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
