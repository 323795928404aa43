/**
 * The HTTP server: Express around the Remix request handler (docs/decisions/0006-express-server.md).
 * It adds what Remix v2 has no middleware for: security headers with a per-request CSP nonce, the Origin
 * check on every state-changing request, the client IP for audit records, static files, a database that
 * is ready before the address is printed, and a clean shutdown that closes the database.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import url from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";

installGlobals();

const isProduction = process.env.NODE_ENV === "production";
// BUILD_DIR: see remix.config.js.
const BUILD_DIR = process.env.BUILD_DIR;
const BUILD_PATH = path.resolve(BUILD_DIR ? `${BUILD_DIR}/index.js` : "build/index.js");
const ASSETS_DIR = path.resolve(BUILD_DIR ? `${BUILD_DIR}/assets` : "public/build");
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "127.0.0.1";

if (!fs.existsSync(BUILD_PATH)) {
  console.error(`No server build at ${BUILD_PATH}. Run \`npm run build\` first (\`npm start\` does it for you).`);
  process.exit(1);
}

let build = await import(url.pathToFileURL(BUILD_PATH).href);
let buildMtime = fs.statSync(BUILD_PATH).mtimeMs;

/** In development (`npm run dev`), pick up each rebuild without restarting, so the in-process PGlite stays open. */
async function currentBuild() {
  if (isProduction) return build;
  const mtime = fs.statSync(BUILD_PATH).mtimeMs;
  if (mtime !== buildMtime) {
    buildMtime = mtime;
    build = await import(`${url.pathToFileURL(BUILD_PATH).href}?t=${mtime}`);
    broadcastDevReady(build);
  }
  return build;
}

const hooks = () => build.entry.module.serverHooks;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", hooks().trustProxy());

// Server-Timing: the portal's own time for a request, from its arrival to the response's headers (loaders,
// database, rendering up to the first byte), without the network. `npm run bench` reads it; so do browsers'
// developer tools.
app.use((_req, res, next) => {
  const started = process.hrtime.bigint();
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    if (!res.getHeader("server-timing")) {
      res.setHeader("Server-Timing", `app;dur=${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)}`);
    }
    return writeHead.apply(this, args);
  };
  next();
});
app.use(compression());

app.use((_req, res, next) => {
  res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
  next();
});

app.use(
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'"],
        connectSrc: isProduction ? ["'self'"] : ["'self'", "ws:"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "same-origin" },
    strictTransportSecurity: isProduction ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: "deny" },
  }),
);

// Refuse any state-changing request whose Origin is missing or foreign, before it reaches a route.
app.use((req, res, next) => {
  const allowed = hooks().isAllowedOrigin({
    method: req.method,
    origin: req.get("origin"),
    host: hooks().trustProxy() ? req.get("x-forwarded-host") || req.get("host") : req.get("host"),
    trustedOrigins: hooks().trustedOrigins(),
  });
  if (allowed) return next();
  res
    .status(403)
    .type("text/plain; charset=utf-8")
    .send("403 Forbidden: cross-site request refused. / 403 禁止访问：跨站请求已被拒绝。\n");
});

app.use("/build", express.static(ASSETS_DIR, { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

function createHandler(serverBuild) {
  return createRequestHandler({
    build: serverBuild,
    mode: isProduction ? "production" : "development",
    getLoadContext: (request, response) => ({
      clientIp: request.ip ?? null,
      cspNonce: response.locals.cspNonce,
      // For loaders that stream large files (evidence downloads): resolves once the socket can take more, so
      // a slow client slows the reading instead of filling memory (app/lib/file-response.server.ts).
      waitForDrain: () =>
        response.writableNeedDrain && !response.destroyed
          ? new Promise((resolve) => {
              const done = () => {
                response.off("drain", done);
                response.off("close", done);
                resolve();
              };
              response.on("drain", done);
              response.on("close", done);
            })
          : Promise.resolve(),
    }),
  });
}
let handler = createHandler(build);
let handlerBuild = build;

app.all("*", async (req, res, next) => {
  try {
    const latest = await currentBuild();
    if (latest !== handlerBuild) {
      handler = createHandler(latest);
      handlerBuild = latest;
    }
    return handler(req, res, next);
  } catch (error) {
    next(error);
  }
});

const server = app.listen(port, host, async () => {
  try {
    const ready = await hooks().warmUp();
    const shownHost = ["127.0.0.1", "0.0.0.0", "::", "localhost"].includes(host) ? "localhost" : host;
    console.info(`Portal ready at http://${shownHost}:${port}`);
    console.info(`Database: ${ready.usesPostgres ? "PostgreSQL (DATABASE_URL)" : "embedded PGlite"}`);
    if (ready.seedDemo) {
      console.info("Demo accounts: see README.md, \"Demo accounts\" (e.g. investigator@platform.demo).");
    }
    if (!isProduction) broadcastDevReady(build);
  } catch (error) {
    console.error("The portal could not start:", error instanceof Error ? error.message : error);
    await shutdown(1);
  }
});

server.on("error", async (error) => {
  console.error(
    error.code === "EADDRINUSE"
      ? `Port ${port} on ${host} is already in use. Stop the other process or start with PORT=<another port>.`
      : `The server could not listen on ${host}:${port}: ${error.message}`,
  );
  await shutdown(1);
});

// Node's default of 5 minutes to receive a whole request would cut off a 2 GB evidence upload on an
// ordinary office uplink. Uploads are streamed to disk, so a long request costs no memory; a stalled one is
// still ended by the socket's inactivity timeout.
server.requestTimeout = 0;
server.timeout = 120_000;

let shuttingDown = false;
async function shutdown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  server.close();
  server.closeAllConnections();
  try {
    await hooks().shutdown();
  } catch (error) {
    console.error("Error while closing the database:", error);
    code = code || 1;
  }
  process.exit(code);
}
process.once("SIGTERM", () => void shutdown(0));
process.once("SIGINT", () => void shutdown(0));
