import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  base: "/",
  plugins: [react()],
  resolve: {
    // Types come from @yhteys/contracts; its runtime values come from a zod-free copy (see the file).
    alias: { "@yhteys/contracts": fileURLToPath(new URL("./src/contracts-runtime.ts", import.meta.url)) },
  },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
});
