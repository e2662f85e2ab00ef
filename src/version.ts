/** The product's version: package.json's, defined at build time by webpack; "dev" when run from the sources. */
declare const __OVERLAY_VERSION__: string | undefined;
export const VERSION: string = typeof __OVERLAY_VERSION__ === "string" ? __OVERLAY_VERSION__ : "dev";
