/*
 * Yhteys embed (REQUIREMENTS P3): one script tag puts an organisation's contact form on any page
 * whose origin the organisation allows.
 *
 *   <a href="https://yhteys.example/demo/" data-yhteys-fallback>Anna palautetta</a>
 *   <script src="https://yhteys.example/embed.js" data-org="demo" data-category="…" data-lang="fi" async></script>
 *
 * The form opens in an iframe just after the tag; the link before it (if marked
 * data-yhteys-fallback) stays until the form has loaded, so that it is what people without
 * scripts, or on a page the organisation does not allow, get. The frame reports its height with
 * postMessage to this page's origin only, and only messages from the form's origin and frame are heard.
 */
(() => {
  const script = document.currentScript;
  if (!script?.src) return;
  const base = new URL(script.src).origin;
  const data = script.dataset;
  const params = new URLSearchParams({ parent: location.origin });
  if (data.category) params.set("category", data.category);
  if (data.lang) params.set("lang", data.lang);
  const frame = document.createElement("iframe");
  frame.src = `${base}/${encodeURIComponent(data.org || "__DEFAULT_ORG__")}/embed?${params}`;
  frame.title = data.title || { sv: "Responsformulär", en: "Feedback form" }[data.lang] || "Palautelomake";
  frame.style.cssText = "display:block;width:100%;height:0;border:0";
  frame.setAttribute("data-yhteys-frame", "");
  let fallback = script.previousElementSibling;
  if (!fallback?.hasAttribute("data-yhteys-fallback")) fallback = null;
  script.after(frame);
  window.addEventListener("message", (event) => {
    if (event.origin !== base || event.source !== frame.contentWindow) return;
    const message = event.data;
    if (message?.type !== "yhteys:resize" || typeof message.height !== "number") return;
    frame.style.height = `${Math.ceil(message.height)}px`;
    if (fallback) {
      fallback.remove();
      fallback = null;
    }
  });
})();
