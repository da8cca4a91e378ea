import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { lazyPage } from './lazyPage';

function Hello({ name }: { name: string }) {
  return <p>hello {name}</p>;
}

describe('lazyPage', () => {
  it('shows a loading state, then the page once its chunk is in', async () => {
    let resolve!: (m: { default: typeof Hello }) => void;
    const Page = lazyPage(() => new Promise<{ default: typeof Hello }>((r) => (resolve = r)), 'Loading the page…');
    render(<Page name="vm1" />);
    expect(screen.getByText('Loading the page…')).toBeTruthy();
    await act(async () => resolve({ default: Hello }));
    expect(screen.getByText('hello vm1')).toBeTruthy();
  });

  it('renders at once when preloaded', async () => {
    const Page = lazyPage(async () => ({ default: Hello }));
    await Page.preload();
    render(<Page name="now" />);
    expect(screen.getByText('hello now')).toBeTruthy();
  });

  it('a failed load can be tried again', async () => {
    let calls = 0;
    const Page = lazyPage(async () => {
      calls++;
      if (calls === 1) throw new Error('offline');
      return { default: Hello };
    });
    await Page.preload();
    await Page.preload();
    expect(calls).toBe(2);
    render(<Page name="again" />);
    expect(screen.getByText('hello again')).toBeTruthy();
  });
});
