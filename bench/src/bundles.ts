/**
 * First-load weight of the web apps (issue 3 budgets): what a browser fetches before the page
 * works — the HTML, its stylesheets and scripts and the scripts those import statically — gzipped
 * at level 9, for the embedded form (embed.html, budget 60 kB), the portal (index.html, JavaScript
 * budget 150 kB without the lazily loaded map) and the staff console (sign-in, queue and ticket
 * view; JavaScript budget 150 kB without its lazy routes and map). Dynamic imports are counted
 * apart. Builds both apps first so that the figures are of the current code.
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
const consoleDist = path.join(root, "apps/console/dist");
const EMBED_BUDGET = 60 * 1024;
const PORTAL_JS_BUDGET = 150 * 1024;
/**
 * The console is used all day on office machines, but opened often (from notification emails,
 * on shared service-point PCs, over city VPNs): its first load (sign-in, queue, ticket view) gets
 * the portal's budget; admin pages, rare views and the map load when used.
 */
const CONSOLE_JS_BUDGET = 150 * 1024;

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

type FirstLoad = { html: number; css: string[]; js: string[]; lazy: string[] };

/**
 * What `htmlFile` loads at once (its styles, scripts and their static imports) and what only on
 * demand (dynamic imports and theirs); `base` is the app's URL path, served from `root`.
 */
export function firstLoad(htmlFile: string, root = dist, base = "/"): { html: number; css: string[]; js: string[]; lazy: string[] } {
  const refs = [...readFileSync(htmlFile, "utf8").matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)]
    .map((m) => m[1] as string)
    .filter((url) => url.startsWith(base))
    .map((url) => path.join(root, url.slice(base.length)));
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
  execSync("npm run build -w apps/portal -w apps/console", { cwd: root, stdio: "ignore" });
  const sum = (files: string[]) => files.reduce((n, f) => n + gz(f), 0);
  const embed = firstLoad(path.join(dist, "embed-app/embed.html"));
  const portal = firstLoad(path.join(dist, "index.html"));
  const consoleApp = firstLoad(path.join(consoleDist, "index.html"), consoleDist, "/console/");
  const lazyName = (f: string) => path.basename(f).replace(/-[\w-]{8}\.js$/, "");
  const [largestLazy] = consoleApp.lazy.map((f) => ({ name: lazyName(f), size: gz(f) })).sort((a, b) => b.size - a.size);
  const total = (load: FirstLoad) => load.html + sum(load.css) + sum(load.js);
  /** A page's row: its figures and the verdict on `budget` (its JavaScript, or with `all` everything it loads at first). */
  const row = (page: string, load: FirstLoad, budget: number, all = false) => [
    page,
    kB(sum(load.js)),
    kB(sum(load.css)),
    kB(total(load)),
    kB(sum(load.lazy)),
    `${all ? "<" : "JS <"} ${budget / 1024} kB${all ? " in all" : ""}: ${verdict((all ? total(load) : sum(load.js)) < budget)}`,
  ];
  const rows = [
    row("Embedded form (embed.html)", embed, EMBED_BUDGET, true),
    row("Portal (index.html)", portal, PORTAL_JS_BUDGET),
    row("Console first load (index.html: sign-in, queue, ticket view)", consoleApp, CONSOLE_JS_BUDGET),
    ["Console largest lazy chunk", kB(largestLazy?.size ?? 0), "", "", largestLazy?.name ?? "none", "loads when used"],
  ];
  const markdown = `## Web apps' first load (gzipped, level 9)

Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, load average ${loadAverage()} (sizes do not depend on load).
The files a browser fetches before the page works: the HTML, its styles and scripts and their static
imports; the map (Leaflet) and other dynamic imports load only when used and are listed apart.
The embedded form is its own build (\`apps/portal/vite.embed.config.ts\`) with Preact's React layer.
The console's first load is what a staff member needs to sign in, work the queue and handle a
ticket; the admin pages, the callback queue, recording a contact, settings, absences, the internal
customer's view and the nearby-tickets map are lazy routes and chunks (React.lazy). Before the split
(issue 4) the console was one 769 kB script, 213 kB gzipped; with every page's texts in the first
load it was 148.2 kB, and 124.7 kB once the admin pages' texts (fi, sv, en) moved into their chunk.
The first load's texts are now about 28 kB gzipped in three languages, 10 kB in one (measured on
their JSON): loading only the chosen language would save some 18 kB more (see docs/architecture.md).

${table(["Page", "JavaScript", "CSS", "First load", "Lazy (not loaded at first)", "Budget"], rows)}

The portal's lazily loaded scripts: \`mapBase\` is Leaflet with the shared set-up, \`projectedCrs\`
(proj4 and proj4leaflet) loads only for a base map in EPSG:3067, \`feedbackMap\` has supercluster.

${table(
  ["Lazy script (portal)", "Gzipped"],
  portal.lazy.map((f) => [lazyName(f), kB(gz(f))]).sort((a, b) => (a[0] ?? "").localeCompare(b[0] ?? "")),
)}

The console's lazy scripts: \`AdminPages\` is every admin page with its texts, \`src\` the contracts' zod schemas
(only the admin pages and rare views use them), \`NearbyMap\` Leaflet with the shared set-up of
\`@yhteys/web/mapBase\`, \`projectedCrs\` proj4 for an EPSG:3067 base map.

${table(
  ["Lazy script (console)", "Gzipped"],
  consoleApp.lazy.map((f) => [lazyName(f), kB(gz(f))]).sort((a, b) => (a[0] ?? "").localeCompare(b[0] ?? "")),
)}
`;
  writeSection("bundles", markdown);
  console.log(markdown);
}
