import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "./styles.css";
import { I18nProvider } from "@yhteys/web";
import { App } from "./App.tsx";
import { dictionaries } from "./i18n.ts";

const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <I18nProvider dictionaries={dictionaries}>
        <App />
      </I18nProvider>
    </StrictMode>,
  );
