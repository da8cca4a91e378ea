import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FilterBar } from './FilterBar';
import { filtersToSearch, parseFilters, type Filters } from './filters';

// The filter bar edits the URL's search string, as the list page wires it:
// parseFilters(url) → FilterBar → filtersToSearch(next) → url.
function Harness({ initial, onURL }: { initial: string; onURL: (search: string, replace: boolean) => void }) {
  const [search, setSearch] = useState(initial);
  const filters = parseFilters(search);
  return (
    <FluentProvider theme={webLightTheme}>
      <FilterBar
        filters={filters}
        onChange={(next: Filters, opts) => {
          const s = filtersToSearch(next);
          onURL(s, Boolean(opts?.replace));
          setSearch(s);
        }}
      />
    </FluentProvider>
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('<FilterBar> ⇄ URL', () => {
  it('shows the filters of the URL', () => {
    render(<Harness initial="?severity=high,low&show=incidents&q=vm1" onURL={() => {}} />);
    expect(screen.getByRole('button', { name: /^Severity/ }).textContent).toBe('High, Low');
    expect(screen.getByRole('button', { name: /^Show/ }).textContent).toBe('Incidents only');
    expect((screen.getByRole('textbox', { name: 'Search' }) as HTMLInputElement).value).toBe('vm1');
    expect(screen.getByRole('button', { name: 'Clear filters' })).toBeTruthy();
  });

  it('a menu choice writes the URL (a new history entry)', async () => {
    const onURL = vi.fn();
    render(<Harness initial="?severity=high" onURL={onURL} />);
    fireEvent.click(screen.getByRole('button', { name: /^Severity/ }));
    fireEvent.click(await screen.findByRole('menuitemcheckbox', { name: 'Medium' }));
    expect(onURL).toHaveBeenLastCalledWith('?severity=high,medium', false);
  });

  it('typing writes the URL once, after a pause, replacing the entry', () => {
    vi.useFakeTimers();
    const onURL = vi.fn();
    render(<Harness initial="" onURL={onURL} />);
    const box = screen.getByRole('textbox', { name: 'Search' });
    fireEvent.change(box, { target: { value: 'rd' } });
    fireEvent.change(box, { target: { value: 'rdp' } });
    expect(onURL).not.toHaveBeenCalled();
    act(() => {
      vi.advanceTimersByTime(350);
    });
    expect(onURL).toHaveBeenCalledTimes(1);
    expect(onURL).toHaveBeenCalledWith('?q=rdp', true);
  });

  it('"Clear filters" goes back to the bare URL', () => {
    const onURL = vi.fn();
    render(<Harness initial="?status=active&tactic=impact" onURL={onURL} />);
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(onURL).toHaveBeenLastCalledWith('', false);
  });
});
