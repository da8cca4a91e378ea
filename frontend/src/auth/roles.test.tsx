import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Client as WSClient } from 'graphql-ws';
import { useState } from 'react';
import { Provider } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StatusMenu, useSetStatus } from '../components/status';
import { createClient } from '../urql/client';
import { loadSession, resetSession } from './session';
import { UserMenu } from './UserMenu';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const noWS = { subscribe: () => () => {}, on: () => () => {}, dispose: () => {}, terminate: () => {} } as unknown as WSClient;

async function signInAs(role: string) {
  vi.stubGlobal('fetch', async () => json(200, { username: 'ana', role, expiresAt: '2030-01-01T00:00:00Z' }));
  await loadSession();
}

function wrap(ui: React.ReactNode) {
  return render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  resetSession();
});

describe('<StatusMenu> by role', () => {
  it('is disabled for a reader, still focusable, with a tooltip that says why', async () => {
    await signInAs('reader');
    const onSelect = vi.fn();
    wrap(<StatusMenu kind="alert" onSelect={onSelect} />);
    const pending = screen.getByRole('button', { name: 'Change status' });
    expect(pending.getAttribute('aria-disabled')).toBe('true');
    expect(pending.getAttribute('aria-description')).toBe('Your role (reader) cannot change statuses');
    // Fluent's Tooltip arrives in its own chunk.
    await act(async () => {
      await import('../components/DeniedButton');
    });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Change status' })).not.toBe(pending));
    const button = screen.getByRole('button', { name: 'Change status' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.tabIndex).toBe(0);
    fireEvent.pointerOver(button); // React's pointerenter
    const tip = await screen.findByRole('tooltip');
    expect(tip.textContent).toBe('Your role (reader) cannot change statuses');
    expect(button.getAttribute('aria-describedby')).toBe(tip.id);
    fireEvent.click(screen.getByRole('button', { name: 'Change status' }));
    expect(screen.queryByRole('menu')).toBeNull();
    expect(onSelect).not.toHaveBeenCalled();
  });

  it.each(['responder', 'admin'])('opens its menu for a %s', async (role) => {
    await signInAs(role);
    wrap(<StatusMenu kind="alert" onSelect={() => {}} />);
    const button = screen.getByRole('button', { name: 'Change status' });
    expect(button.getAttribute('aria-disabled')).toBeNull();
    expect((button as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(button);
    expect(await screen.findByRole('menuitem', { name: 'In progress' })).toBeTruthy();
  });

  it('is disabled while the session is being checked', () => {
    wrap(<StatusMenu kind="alert" onSelect={() => {}} />);
    expect((screen.getByRole('button', { name: 'Change status' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

function SetStatus() {
  const status = useSetStatus();
  const [message, setMessage] = useState('');
  return (
    <>
      <button onClick={async () => setMessage((await status.run([{ kind: 'alert', id: 'a1' }], 'RESOLVED')).failed[0]?.message ?? 'done')}>go</button>
      <output>{message}</output>
    </>
  );
}

describe('a FORBIDDEN answer', () => {
  it('is reported with the server’s message, and does not sign out', async () => {
    vi.stubGlobal('fetch', async () =>
      json(200, { data: null, errors: [{ message: 'your role (reader) cannot change statuses', path: ['setAlertStatus'], extensions: { code: 'FORBIDDEN' } }] }),
    );
    const onUnauthenticated = vi.fn();
    render(
      <Provider value={createClient(noWS, onUnauthenticated)}>
        <SetStatus />
      </Provider>,
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'go' })));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('your role (reader) cannot change statuses'));
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });
});

describe('<UserMenu>', () => {
  const session = { username: 'ana', role: 'reader', expiresAt: '2030-01-01T00:00:00Z' };

  it('shows the username and the role, and signs out to the login page', async () => {
    const signOut = vi.fn(async () => true);
    const go = vi.fn();
    wrap(<UserMenu session={session} signOut={signOut} go={go} />);
    expect(screen.getByTestId('user-name').textContent).toBe('ana');
    expect(screen.getByTestId('user-role').textContent).toBe('Reader');
    fireEvent.click(screen.getByTestId('user-menu'));
    expect(await screen.findByText('Signed in as ana (reader)')).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('menuitem', { name: 'Sign out' })));
    expect(signOut).toHaveBeenCalledTimes(1);
    expect(go).toHaveBeenCalledWith('/login');
  });

  it('stays and says so when signing out failed', async () => {
    const go = vi.fn();
    wrap(<UserMenu session={session} signOut={async () => false} go={go} />);
    fireEvent.click(screen.getByTestId('user-menu'));
    await act(async () => fireEvent.click(await screen.findByRole('menuitem', { name: 'Sign out' })));
    expect(go).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('user-menu'));
    expect(await screen.findByText('Signing out failed: try again')).toBeTruthy();
  });
});
