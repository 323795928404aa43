/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // Classic compiler, ESM server build. Every package stays external (the default): bundling them all
  // ("serverDependenciesToBundle: 'all'") breaks at run time with these packages (shared/STACK-NOTES.md).
  serverModuleFormat: "esm",
  // Tests sit beside the code; keep them out of the route tree.
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  // React Router 7 behaviours taken now; single fetch is left off (it changes what loaders return).
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
  },
};
