// BUILD_DIR puts a whole build (server, assets, compiler cache) in a directory of its own, so that parallel
// work on one checkout (several e2e runs at once) cannot overwrite each other's build. Unset: the usual places.
// It must be inside the checkout (e.g. .builds/<name>): the server build resolves its packages from node_modules here.
const buildDir = process.env.BUILD_DIR;

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  serverBuildPath: buildDir ? `${buildDir}/index.js` : "build/index.js",
  assetsBuildDirectory: buildDir ? `${buildDir}/assets` : "public/build",
  cacheDirectory: buildDir ? `${buildDir}/.cache` : ".cache",
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
