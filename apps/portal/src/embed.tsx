/** Entry of the embedded form (embed.html): the same form as the portal's, without its other pages. */
import { I18nProvider } from "@yhteys/web";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { EmbedApp } from "./EmbedApp.tsx";
import { dictionaries } from "./i18n.ts";
import "./styles.css";

const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <I18nProvider dictionaries={dictionaries}>
        <EmbedApp />
      </I18nProvider>
    </StrictMode>,
  );
