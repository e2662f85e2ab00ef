/** The add-in's version, set by the build (package.json); "dev" in tests. */
declare const __OVERLAY_VERSION__: string | undefined;
export const VERSION = typeof __OVERLAY_VERSION__ === "string" ? __OVERLAY_VERSION__ : "dev";
