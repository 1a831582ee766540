import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** The server serves the built console under /console/ (see apps/server/src/http/app.ts). */
export default defineConfig({
  base: "/console/",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true },
  server: {
    proxy: { "/api": { target: "http://127.0.0.1:8080", ws: true } },
  },
});
