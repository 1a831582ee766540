/**
 * Before browser tests: Debian's Chromium must be installed (as root we install it, as the
 * README promises that `npm test` sets up everything) and the web apps must be built.
 */
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export default function setup() {
  if (!existsSync(CHROMIUM)) {
    if (process.getuid?.() !== 0) throw new Error(`Browser tests need Chromium at ${CHROMIUM}: run 'sudo apt-get install chromium'`);
    console.log("Installing Debian chromium for the browser tests…");
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
  }
  for (const app of ["portal", "console"])
    if (!existsSync(path.join(root, "apps", app, "dist", "index.html")))
      execSync(`npm run build -w apps/${app}`, { cwd: root, stdio: "inherit" });
}
