import { Button, FluentProvider, makeStyles, mergeClasses, tokens, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { Circle12Filled, ShieldTask20Regular, WeatherMoon20Regular, WeatherSunny20Regular } from '@fluentui/react-icons';
import { useEffect, useMemo, type ReactNode } from 'react';
import { lazyPage } from './lazyPage';
import { Provider, type Client } from 'urql';
import { LOGIN_PATH, loginPath } from '../auth/next';
import { loadSession, useSession } from '../auth/session';
import { UserMenu } from '../auth/UserMenu';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { Empty } from '../components/states';
import { AlertsListPage } from '../feed/AlertsListPage';
import { PlaygroundPage } from '../playground/PlaygroundPage';
import { Link, matchPath, navigate, useLocation } from '../router/router';
import { createClient } from '../urql/client';
import { useLiveStatus, type LiveStatus } from '../urql/liveStatus';
import { LiveProvider } from './live';
import { useTheme } from './theme';

// The app's frame is a div inside FluentProvider, not a class on it: Fluent
// copies the provider's classes onto every portal's mount node (menus,
// tooltips), and a full-height frame with a background there covered the
// page whenever a menu was open. FluentProvider itself only gets a height.
const fill = { height: '100%' };

const useStyles = makeStyles({
  frame: { height: '100%', display: 'flex', flexDirection: 'column', backgroundColor: tokens.colorNeutralBackground2 },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: '20px',
    height: '44px',
    padding: '0 16px',
    flexShrink: 0,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  brand: { display: 'flex', alignItems: 'center', gap: '8px', fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  nav: { display: 'flex', gap: '4px', height: '100%' },
  navLink: {
    display: 'flex',
    alignItems: 'center',
    padding: '0 12px',
    color: tokens.colorNeutralForegroundOnBrand,
    textDecorationLine: 'none',
    ':hover': { color: tokens.colorNeutralForegroundOnBrand, textDecorationLine: 'none', backgroundColor: tokens.colorBrandBackgroundHover },
    ':hover:active': { color: tokens.colorNeutralForegroundOnBrand },
  },
  current: { boxShadow: `inset 0 -3px 0 ${tokens.colorNeutralForegroundOnBrand}` },
  spacer: { flex: 1 },
  live: { display: 'flex', alignItems: 'center', gap: '6px', fontSize: tokens.fontSizeBase200 },
  onBrand: { color: tokens.colorNeutralForegroundOnBrand },
  main: { flex: '1 1 auto', minHeight: 0, overflow: 'hidden' },
});

// The detail pages load on first use: the list page's first load stays small.
const IncidentPage = lazyPage(() => import('../incident/IncidentPage'));
const AlertPage = lazyPage(() => import('../alert/AlertPage'));
const OverviewPage = lazyPage(() => import('../overview/OverviewPage'));
const ResourcesPage = lazyPage(() => import('../resources/ResourcesPage'));
const ResourcePage = lazyPage(() => import('../resources/ResourcePage'));
const LoginPage = lazyPage(() => import('../auth/LoginPage'));

// Once the first page has settled, fetch the detail pages ahead (an analyst opens one next).
function usePreloadPages(enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const t = setTimeout(() => {
      void IncidentPage.preload();
      void AlertPage.preload();
    }, 3000);
    return () => clearTimeout(t);
  }, [enabled]);
}

/**
 * useSessionGate checks the session when the console starts (main.tsx has
 * usually asked already) and sends a signed-out console to the login page,
 * which comes back here afterwards.
 */
function useSessionGate(onLogin: boolean) {
  const session = useSession();
  useEffect(() => {
    if (onLogin) return;
    if (session.status === 'idle') void loadSession();
    if (session.status === 'anonymous') navigate(loginPath(window.location), { replace: true });
  }, [onLogin, session.status]);
  return session;
}

const liveText: Record<LiveStatus, [string, string]> = {
  offline: ['Not connected', tokens.colorPaletteYellowForeground1],
  connecting: ['Connecting…', tokens.colorPaletteYellowForeground1],
  live: ['Live', tokens.colorPaletteLightGreenForeground1],
  reconnecting: ['Reconnecting…', tokens.colorPaletteYellowForeground1],
  reconnected: ['Live (reconnected: refresh for missed updates)', tokens.colorPaletteLightGreenForeground1],
};

function LiveIndicator() {
  const styles = useStyles();
  const status = useLiveStatus();
  const [text, color] = liveText[status];
  return (
    <span className={styles.live} role="status" aria-live="polite" data-live={status}>
      <Circle12Filled style={{ color }} aria-hidden />
      {text}
    </span>
  );
}

function Routes({ dark }: { dark: boolean }): ReactNode {
  const { pathname } = useLocation();
  if (pathname === '/')
    return <OverviewPage dark={dark} />;
  if (pathname === '/alerts') return <AlertsListPage />;
  if (pathname === '/resources')
    return <ResourcesPage />;
  let m = matchPath('/resources/:id', pathname);
  if (m)
    return <ResourcePage key={m.id} id={m.id!} dark={dark} />;
  m = matchPath('/incidents/:id', pathname);
  if (m)
    return <IncidentPage key={m.id} id={m.id!} dark={dark} />;
  m = matchPath('/alerts/:id', pathname);
  if (m)
    return <AlertPage key={m.id} id={m.id!} />;
  if (pathname === '/playground') return <PlaygroundPage dark={dark} />;
  return (
    <Empty title="Page not found">
      Nothing lives at {pathname}. <Link to="/alerts">Go to the security alerts</Link>
    </Empty>
  );
}

function NavLink({ to, children, current }: { to: string; children: ReactNode; current: boolean }) {
  const styles = useStyles();
  return (
    <Link to={to} className={mergeClasses(styles.navLink, current && styles.current)} aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

function Brand() {
  const styles = useStyles();
  return (
    <span className={styles.brand}>
      <ShieldTask20Regular aria-hidden />
      Vigil
    </span>
  );
}

function ThemeToggle({ theme, toggle }: { theme: string; toggle: () => void }) {
  const styles = useStyles();
  const label = theme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme';
  return (
    <Button
      appearance="transparent"
      className={styles.onBrand}
      icon={theme === 'dark' ? <WeatherSunny20Regular className={styles.onBrand} /> : <WeatherMoon20Regular className={styles.onBrand} />}
      onClick={toggle}
      aria-label={label}
      title={label}
      data-testid="theme-toggle"
    />
  );
}

/** App is the console: theme, GraphQL client, session, live subscriptions, header and pages; or the login page. */
export function App({ client: given }: { client?: Client } = {}) {
  const styles = useStyles();
  const client = useMemo(() => given ?? createClient(), [given]);
  const [theme, toggleTheme] = useTheme();
  const { pathname, search } = useLocation();
  const onLogin = pathname === LOGIN_PATH;
  const session = useSessionGate(onLogin);
  usePreloadPages(!onLogin);
  const onList = pathname.startsWith('/alerts') || pathname.startsWith('/incidents');
  const fluentTheme = theme === 'dark' ? webDarkTheme : webLightTheme;
  if (onLogin) {
    return (
      <FluentProvider theme={fluentTheme} style={fill}>
        <div className={styles.frame}>
          <header className={styles.header}>
            <Brand />
            <span className={styles.spacer} />
            <ThemeToggle theme={theme} toggle={toggleTheme} />
          </header>
          <main className={styles.main}>
            <ErrorBoundary resetKey={pathname}>
              <LoginPage next={new URLSearchParams(search).get('next')} />
            </ErrorBoundary>
          </main>
        </div>
      </FluentProvider>
    );
  }
  return (
    <Provider value={client}>
      <FluentProvider theme={fluentTheme} style={fill}>
        <LiveProvider>
          <div className={styles.frame}>
            <header className={styles.header}>
              <Brand />
              <nav className={styles.nav} aria-label="Main">
                <NavLink to="/" current={pathname === '/'}>
                  Overview
                </NavLink>
                <NavLink to="/alerts" current={onList}>
                  Security alerts
                </NavLink>
                <NavLink to="/resources" current={pathname.startsWith('/resources')}>
                  Resources
                </NavLink>
                <NavLink to="/playground" current={pathname === '/playground'}>
                  GraphQL playground
                </NavLink>
              </nav>
              <span className={styles.spacer} />
              <LiveIndicator />
              {session.status === 'signed-in' && <UserMenu session={session.session} />}
              <ThemeToggle theme={theme} toggle={toggleTheme} />
            </header>
            <main className={styles.main}>
              <ErrorBoundary resetKey={pathname}>{session.status === 'anonymous' ? null : <Routes dark={theme === 'dark'} />}</ErrorBoundary>
            </main>
          </div>
        </LiveProvider>
      </FluentProvider>
    </Provider>
  );
}
