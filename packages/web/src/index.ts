export * from "./api.ts";
export * from "./i18n.tsx";
export * from "./richText.tsx";
