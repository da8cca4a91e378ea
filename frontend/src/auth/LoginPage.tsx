import { Body1, Button, Field, Input, Spinner, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTitle } from '../app/title';
import { Banner } from '../components/Banner';
import { safeNext } from './next';
import { login as postLogin, type LoginResult } from './session';

const useStyles = makeStyles({
  page: { height: '100%', overflow: 'auto', display: 'flex', justifyContent: 'center', alignItems: 'flex-start', padding: '10vh 16px 48px', boxSizing: 'border-box' },
  card: {
    width: '100%',
    maxWidth: '380px',
    display: 'flex',
    flexDirection: 'column',
    gap: '16px',
    padding: '28px 32px 32px',
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
  },
  titles: { display: 'flex', flexDirection: 'column', gap: '4px' },
  title: { margin: 0 },
  sub: { color: tokens.colorNeutralForeground3 },
  // The server's messages are lower-case sentences ("wrong username or password").
  sentence: { '::first-letter': { textTransform: 'uppercase' } },
  wait: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  submit: { marginTop: '4px' },
});

type Failure = Extract<LoginResult, { ok: false }>;

interface LoginPageProps {
  /** next is the raw `next` parameter; only a safe same-origin path is followed. */
  next: string | null;
  /** login posts the credentials (tests pass a fake). */
  login?: (username: string, password: string) => Promise<LoginResult>;
  /** go loads the page after signing in (a full load, so the console starts afresh with the session). */
  go?: (path: string) => void;
}

/** useCountdown is the whole seconds left until `until` (a Date.now() instant), ticking each second. */
function useCountdown(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(t);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1_000));
}

/** LoginPage is the sign-in form: username and password, the server's error as text, then the `next` page. */
export default function LoginPage({ next, login = postLogin, go = (p) => window.location.assign(p) }: LoginPageProps) {
  const styles = useStyles();
  useTitle('Sign in');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [until, setUntil] = useState<number | null>(null);
  const wait = useCountdown(until);
  const userRef = useRef<HTMLInputElement>(null);
  const passRef = useRef<HTMLInputElement>(null);

  useEffect(() => userRef.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || wait > 0) return;
    const empty = { username: !username.trim(), password: !password };
    setMissing(empty);
    if (empty.username || empty.password) {
      (empty.username ? userRef : passRef).current?.focus();
      return;
    }
    setBusy(true);
    setFailure(null); // the same message again is announced again
    const r = await login(username.trim(), password);
    if (r.ok) {
      go(safeNext(next));
      return;
    }
    setBusy(false);
    setFailure(r);
    setUntil(r.retryAfter ? Date.now() + r.retryAfter * 1_000 : null);
    setPassword('');
    passRef.current?.focus();
  };

  return (
    <div className={styles.page}>
      <form className={styles.card} onSubmit={submit} noValidate aria-labelledby="login-title" data-testid="login-form">
        <div className={styles.titles}>
          <Title2 as="h1" id="login-title" className={styles.title}>
            Sign in
          </Title2>
          <Body1 className={styles.sub}>to Vigil, the security incident console</Body1>
        </div>
        <div role="alert" aria-atomic="true">
          {failure && (
            <Banner intent="error" data-testid="login-error">
              <div className={styles.sentence}>{failure.message}</div>
            </Banner>
          )}
        </div>
        {wait > 0 && (
          <div className={styles.wait} data-testid="login-wait">
            You can try again in {wait} s.
          </div>
        )}
        <Field label="Username" required validationMessage={missing.username ? 'Enter your username.' : undefined}>
          <Input ref={userRef} name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} value={username} onChange={(_, d) => setUsername(d.value)} />
        </Field>
        <Field label="Password" required validationMessage={missing.password ? 'Enter your password.' : undefined}>
          <Input ref={passRef} name="password" type="password" autoComplete="current-password" value={password} onChange={(_, d) => setPassword(d.value)} />
        </Field>
        <Button
          type="submit"
          appearance="primary"
          className={styles.submit}
          disabled={busy || wait > 0}
          icon={busy ? <Spinner size="extra-tiny" /> : undefined}
        >
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </div>
  );
}
