import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  LiveReload,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-page";
import { getPreferredLocale } from "~/domain/accounts.server";
import { NotificationBell } from "~/components/notifications/notification-bell";
import { countUnreadNotifications } from "~/domain/notifications.server";
import { can, getViewer } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { DEFAULT_LOCALE, type Locale } from "~/lib/i18n";
import { resolveLocale } from "~/lib/i18n.server";
import { navigationFor } from "~/lib/navigation";
import { useNonce } from "~/lib/nonce";
import stylesheet from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// Public: the sign-in page needs the language and the shell too. It reveals only the viewer's own identity.
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const accountLocale = viewer ? await getPreferredLocale(await getDb(), viewer.userId) : null;
  const locale = await resolveLocale(request, accountLocale);
  // The bell's count: one capped count on the partial index of unread notifications.
  const unreadNotifications = viewer && can(viewer, "notifications.view") ? await countUnreadNotifications(await getDb(), viewer.userId) : null;
  return json({
    unreadNotifications,
    locale,
    timeZone: env().timeZone,
    viewer: viewer && {
      displayName: viewer.displayName,
      role: viewer.role,
      organisationKind: viewer.organisationKind,
      organisationNameZh: viewer.organisationNameZh,
      organisationNameEn: viewer.organisationNameEn,
    },
  });
}

export const meta: MetaFunction = () => [{ name: "viewport", content: "width=device-width, initial-scale=1" }];

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

function LanguageSwitch({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  const location = useLocation();
  const other: Locale = locale === "zh-CN" ? "en" : "zh-CN";
  return (
    // A full document reload: the whole page, server-rendered, comes back in the new language.
    <Form method="post" action="/set-language" reloadDocument className="language-switch">
      <input type="hidden" name="locale" value={other} />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <button type="submit" className="link-button" lang={other} aria-label={t("nav.switchToLabel")}>
        {t("nav.switchTo")}
      </button>
    </Form>
  );
}

function Header() {
  const data = useRootData();
  const { t } = useTranslation();
  const locale = data?.locale ?? DEFAULT_LOCALE;
  const viewer = data?.viewer ?? null;
  const navigation = navigationFor(viewer);
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>{t("app.name")}</span>
        </Link>
        {viewer && navigation.length > 0 ? (
          <nav aria-label={t("nav.main")} className="main-nav">
            <ul>
              {navigation.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end>
                    {t(item.labelKey)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <div className="header-tools">
          <LanguageSwitch locale={locale} />
          {viewer && data?.unreadNotifications != null ? <NotificationBell unread={data.unreadNotifications} /> : null}
          {viewer ? (
            <div className="account-menu" role="group" aria-label={t("nav.account")}>
              <span className="account-name">
                {t("nav.signedInAs", { name: viewer.displayName })}
                <span className="account-role">{t(`roles.${viewer.role}`)}</span>
              </span>
              <Form method="post" action="/logout">
                <button type="submit" className="button button-secondary">
                  {t("nav.signOut")}
                </button>
              </Form>
            </div>
          ) : null}
        </div>
      </div>
    </header>
  );
}

/** Routes name their page title with `export const handle = { titleKey: "…" }`. */
function usePageTitleKey(): string | undefined {
  const matches = useMatches();
  for (const match of [...matches].reverse()) {
    const handle = match.handle as { titleKey?: string } | undefined;
    if (handle?.titleKey) return handle.titleKey;
  }
  return undefined;
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  const locale = data?.locale ?? DEFAULT_LOCALE;
  const nonce = useNonce();
  const { t, i18n } = useTranslation();
  const pageTitleKey = usePageTitleKey();
  useEffect(() => {
    if (i18n.language !== locale) void i18n.changeLanguage(locale);
  }, [i18n, locale]);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <title>{pageTitleKey ? `${t(pageTitleKey)} · ${t("app.shortName")}` : t("app.name")}</title>
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          {t("nav.skipToContent")}
        </a>
        <Header />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>{t("app.auditNotice")}</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <LiveReload nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
