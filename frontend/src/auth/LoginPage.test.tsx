import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import LoginPage from './LoginPage';
import type { LoginResult } from './session';

const admin = { username: 'admin', role: 'admin', expiresAt: '2030-01-01T00:00:00Z' };

function setup(next: string | null, answers: LoginResult[]) {
  const login = vi.fn(async (_u: string, _p: string) => answers.shift()!);
  const go = vi.fn();
  render(
    <FluentProvider theme={webLightTheme}>
      <LoginPage next={next} login={login} go={go} />
    </FluentProvider>,
  );
  const user = screen.getByLabelText(/^Username/) as HTMLInputElement;
  const pass = screen.getByLabelText(/^Password/) as HTMLInputElement;
  const submit = screen.getByRole('button', { name: 'Sign in' });
  const signIn = async (u: string, p: string) => {
    fireEvent.change(user, { target: { value: u } });
    fireEvent.change(pass, { target: { value: p } });
    await act(async () => fireEvent.click(submit));
  };
  return { login, go, user, pass, submit, signIn };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('<LoginPage>', () => {
  it('has labelled fields, focuses the username, and offers the password manager’s hints', () => {
    const { user, pass } = setup(null, []);
    expect(document.activeElement).toBe(user);
    expect(user.autocomplete).toBe('username');
    expect(pass.type).toBe('password');
    expect(pass.autocomplete).toBe('current-password');
  });

  it('asks for both fields before posting', async () => {
    const { login, signIn, user } = setup(null, []);
    await signIn('', '');
    expect(login).not.toHaveBeenCalled();
    expect(screen.getByText('Enter your username.')).toBeTruthy();
    expect(screen.getByText('Enter your password.')).toBeTruthy();
    expect(document.activeElement).toBe(user);
  });

  it('announces the server’s error as text, clears the password and focuses it', async () => {
    const { login, signIn, pass } = setup('/alerts', [
      { ok: false, status: 401, message: 'wrong username or password <img src=x onerror="window.hacked=1">' },
    ]);
    await signIn(' admin ', 'nope');
    expect(login).toHaveBeenCalledWith('admin', 'nope');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('wrong username or password <img src=x onerror="window.hacked=1">');
    expect(alert.querySelector('img')).toBeNull();
    expect(pass.value).toBe('');
    expect(document.activeElement).toBe(pass);
  });

  it('shows the 429 message and counts the seconds down, with signing in disabled until then', async () => {
    vi.useFakeTimers();
    const { signIn, submit, login } = setup(null, [
      { ok: false, status: 429, message: 'too many failed logins, try again in 3s', retryAfter: 3 },
      { ok: true, session: admin },
    ]);
    await signIn('admin', 'nope');
    expect(screen.getByRole('alert').textContent).toBe('too many failed logins, try again in 3s');
    expect(screen.getByTestId('login-wait').textContent).toBe('You can try again in 3 s.');
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    await act(async () => vi.advanceTimersByTime(1_000));
    expect(screen.getByTestId('login-wait').textContent).toBe('You can try again in 2 s.');
    await signIn('admin', 'right'); // the form refuses while waiting
    expect(login).toHaveBeenCalledTimes(1);
    await act(async () => vi.advanceTimersByTime(2_000));
    expect(screen.queryByTestId('login-wait')).toBeNull();
    expect((submit as HTMLButtonElement).disabled).toBe(false);
  });

  it.each([
    ['/alerts?severity=high', '/alerts?severity=high'],
    ['/incidents/42', '/incidents/42'],
    [null, '/'],
    ['//evil.example/phish', '/'],
    ['https://evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
  ])('after signing in with next=%s goes to %s', async (next, want) => {
    const { go, signIn } = setup(next, [{ ok: true, session: admin }]);
    await signIn('admin', 'right');
    expect(go).toHaveBeenCalledWith(want);
  });

  it('announces a repeated failure again', async () => {
    const wrong: LoginResult = { ok: false, status: 401, message: 'wrong username or password' };
    const { signIn } = setup(null, [wrong, wrong]);
    await signIn('admin', 'a');
    const alert = screen.getByRole('alert');
    const seen: string[] = [];
    const obs = new MutationObserver(() => seen.push(alert.textContent ?? ''));
    obs.observe(alert, { childList: true, subtree: true, characterData: true });
    await signIn('admin', 'b');
    obs.disconnect();
    expect(seen).toContain(''); // emptied, then filled: a live region reads the new content
    expect(alert.textContent).toBe('wrong username or password');
  });
});
