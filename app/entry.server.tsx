import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { checkDatabaseReady, closeDb } from "~/lib/db.server";
import { getProsecutionThresholds } from "~/domain/thresholds.server";
import { env } from "~/lib/env.server";
import { startJobQueue, stopJobQueue } from "~/lib/jobs.server";
import { createI18n, DEFAULT_LOCALE, isLocale } from "~/lib/i18n";
import { NonceProvider } from "~/lib/nonce";
import { isAllowedOrigin } from "~/lib/origin.server";

const ABORT_DELAY = 5_000;

/** Hooks for server.js, which cannot import TypeScript itself; it reaches them through the build. */
export const serverHooks = {
  isAllowedOrigin,
  trustedOrigins: () => env().trustedOrigins,
  trustProxy: () => env().trustProxy,
  /** Opens the database, migrates, seeds a first run; resolves when the portal can answer. */
  async warmUp() {
    // A PROSECUTION_THRESHOLDS_FILE that does not read or match stops the start, naming the file.
    getProsecutionThresholds();
    await checkDatabaseReady();
    // Webhook deliveries and the minute sweep (app/lib/jobs.server.ts), on the same database.
    await startJobQueue();
    const config = env();
    return { seedDemo: config.seedDemo, usesPostgres: Boolean(config.databaseUrl?.startsWith("postgres")) };
  },
  /** The job queue first (it lets a running delivery finish), then the database under it. */
  async shutdown() {
    await stopJobQueue();
    await closeDb();
  },
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The root loader decides the language (cookie, account, browser); render in the same one.
  const rootData = remixContext.staticHandlerContext.loaderData?.root as { locale?: unknown } | undefined;
  const locale = isLocale(rootData?.locale) ? rootData.locale : DEFAULT_LOCALE;
  const i18n = createI18n(locale);
  const nonce = loadContext.cspNonce ?? "";
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors inside the shell are reported by onShellError; log only those after it.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
