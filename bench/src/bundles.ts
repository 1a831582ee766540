/**
 * First-load weight of the resident UI (issue 3 budgets): what a browser fetches before the page
 * works — the HTML, its stylesheets and scripts and the scripts those import statically — gzipped
 * at level 9, for the embedded form (embed.html, budget 60 kB) and the portal (index.html, JavaScript
 * budget 150 kB without the lazily loaded map). Dynamic imports (the map, its worker) are counted
 * apart. Builds the portal first so that the figures are of the current code.
 */
import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { loadAverage } from "./machine.ts";
import { table, verdict, writeSection } from "./results.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dist = path.join(root, "apps/portal/dist");
const EMBED_BUDGET = 60 * 1024;
const PORTAL_JS_BUDGET = 150 * 1024;

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;

const STATIC_IMPORT = /\bimport\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+\.js)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g;
const importsOf = (file: string, pattern: RegExp) =>
  [...readFileSync(file, "utf8").matchAll(pattern)].map((m) => path.resolve(path.dirname(file), m[1] as string));

/** `files` and everything they import statically, transitively. */
function staticClosure(files: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of importsOf(file, STATIC_IMPORT)) visit(next);
  };
  for (const f of files) visit(f);
  return seen;
}

/** What `htmlFile` loads at once (its styles, scripts and their static imports) and what only on demand (dynamic imports and theirs). */
function firstLoad(htmlFile: string): { html: number; css: string[]; js: string[]; lazy: string[] } {
  const refs = [...readFileSync(htmlFile, "utf8").matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) =>
    path.join(dist, m[1] as string),
  );
  const js = staticClosure(refs.filter((r) => r.endsWith(".js")));
  // Lazy chunks may load more lazily (the EPSG:3067 projection from the map): follow both kinds of import.
  const lazy = new Set<string>();
  const queue = [...js].flatMap((f) => importsOf(f, DYNAMIC_IMPORT));
  for (let file = queue.pop(); file; file = queue.pop()) {
    if (js.has(file) || lazy.has(file)) continue;
    lazy.add(file);
    queue.push(...importsOf(file, STATIC_IMPORT), ...importsOf(file, DYNAMIC_IMPORT));
  }
  return { html: gz(htmlFile), css: refs.filter((f) => f.endsWith(".css")), js: [...js], lazy: [...lazy] };
}

export async function benchBundles(): Promise<void> {
  execSync("npm run build -w apps/portal", { cwd: root, stdio: "ignore" });
  const sum = (files: string[]) => files.reduce((n, f) => n + gz(f), 0);
  const embed = firstLoad(path.join(dist, "embed-app/embed.html"));
  const portal = firstLoad(path.join(dist, "index.html"));
  const embedTotal = embed.html + sum(embed.css) + sum(embed.js);
  const portalJs = sum(portal.js);
  const rows = [
    [
      "Embedded form (embed.html)",
      kB(sum(embed.js)),
      kB(sum(embed.css)),
      kB(embedTotal),
      kB(sum(embed.lazy)),
      `< 60 kB in all: ${verdict(embedTotal < EMBED_BUDGET)}`,
    ],
    [
      "Portal (index.html)",
      kB(portalJs),
      kB(sum(portal.css)),
      kB(portal.html + sum(portal.css) + portalJs),
      kB(sum(portal.lazy)),
      `JS < 150 kB: ${verdict(portalJs < PORTAL_JS_BUDGET)}`,
    ],
  ];
  const markdown = `## Resident UI first load (gzipped, level 9)

Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, load average ${loadAverage()} (sizes do not depend on load).
The files a browser fetches before the page works: the HTML, its styles and scripts and their static
imports; the map (Leaflet) and other dynamic imports load only when used and are listed apart.
The embedded form is its own build (\`apps/portal/vite.embed.config.ts\`) with Preact's React layer.

${table(["Page", "JavaScript", "CSS", "First load", "Lazy (not loaded at first)", "Budget"], rows)}

The portal's lazily loaded scripts: \`mapBase\` is Leaflet with the shared set-up, \`projectedCrs\`
(proj4 and proj4leaflet) loads only for a base map in EPSG:3067, \`feedbackMap\` has supercluster.

${table(
  ["Lazy script (portal)", "Gzipped"],
  portal.lazy
    .map((f) => [path.basename(f).replace(/-[\w-]{8}\.js$/, ""), kB(gz(f))])
    .sort((a, b) => (a[0] ?? "").localeCompare(b[0] ?? "")),
)}
`;
  writeSection("bundles", markdown);
  console.log(markdown);
}
