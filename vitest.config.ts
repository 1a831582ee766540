import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    reporters: ["default", "./apps/server/test/summary-reporter.ts"],
    projects: [
      {
        test: {
          name: "server",
          include: ["apps/server/src/**/*.test.ts", "apps/server/test/**/*.test.ts", "packages/*/src/**/*.test.ts"],
          globalSetup: ["apps/server/test/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.test.ts"],
          // A browser waits for the server; on a loaded 2-core machine a step can take seconds.
          expect: { poll: { timeout: 10_000 } },
          globalSetup: ["apps/server/test/global-setup.ts", "e2e/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
