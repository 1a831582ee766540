export * from "./api.ts";
export * from "./i18n.tsx";
export * from "./lazyMap.ts";
export * from "./richText.tsx";
