/**
 * The embedded form's build (REQUIREMENTS P3: < 60 kB gzipped on first load): embed.html alone,
 * into dist/embed-app, with Preact's React-compatible layer in place of React (React DOM alone
 * is some 57 kB gzipped). The map and everything after sending load lazily, as in the portal.
 */
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  base: "/embed-app/",
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^react-dom\/client$/, replacement: "preact/compat/client" },
      { find: /^react-dom$/, replacement: "preact/compat" },
      { find: /^react\/jsx-runtime$/, replacement: "preact/jsx-runtime" },
      { find: /^react\/jsx-dev-runtime$/, replacement: "preact/jsx-dev-runtime" },
      { find: /^react$/, replacement: "preact/compat" },
    ],
  },
  build: {
    outDir: "dist/embed-app",
    emptyOutDir: true,
    target: "es2022",
    rolldownOptions: { input: "embed.html" },
  },
});
