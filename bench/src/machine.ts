/** What the figures were measured on: hardware, runtimes, load, commit. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import pg from "pg";
import { ADMIN_URL } from "./databases.ts";
import { table } from "./results.ts";

export type Machine = {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  postgres: string;
  pglite: string;
  os: string;
  date: string;
  commit: string;
};

export const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(", ");

function gitCommit(): string {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "apps", "packages"], { encoding: "utf8" }).trim();
    return dirty ? `${commit} (with uncommitted changes in apps/packages)` : commit;
  } catch {
    return "unknown";
  }
}

async function postgresVersion(): Promise<string> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
    return rows[0]?.server_version ?? "unknown";
  } catch {
    return "not reachable";
  } finally {
    await client.end().catch(() => {});
  }
}

function pgliteVersion(): string {
  try {
    const url = new URL("../../node_modules/@electric-sql/pglite/package.json", import.meta.url);
    return (JSON.parse(readFileSync(url, "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

export async function describeMachine(): Promise<Machine> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: await postgresVersion(),
    pglite: pgliteVersion(),
    os: `${os.type()} ${os.release()}`,
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    commit: gitCommit(),
  };
}

export function machineMarkdown(m: Machine): string {
  return table(
    ["", ""],
    [
      ["CPU", `${m.cpu} (${m.cores} cores)`],
      ["Memory", `${m.memoryGiB} GiB`],
      ["OS", m.os],
      ["Node.js", m.node],
      ["PostgreSQL", `${m.postgres} (server, 127.0.0.1, default settings)`],
      ["PGlite", `${m.pglite} (data dir on local disk)`],
      ["Date", m.date],
      ["Commit", m.commit],
    ],
  );
}
