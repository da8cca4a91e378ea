import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { IncidentResources, LinkingEntities, RelatedIncidents, WhyTogether } from './Correlation';
import type { LinkView } from './correlation';

const ui = (node: ReactNode) => render(<FluentProvider theme={webLightTheme}>{node}</FluentProvider>);
const HOSTILE = '<img src=x onerror=alert(1)>';

const links: LinkView[] = [
  { id: 'l1', tactics: ['RECONNAISSANCE'], explanation: `"Port scan" on web1 shares ip 203.0.113.7 with the incident's other resources.`, alert: { id: '11', displayName: 'Port scan' } },
  { id: 'l2', tactics: ['INITIAL_ACCESS'], explanation: `"${HOSTILE}" on db1 shares ip 203.0.113.7 with the incident's other resources.`, alert: { id: '12', displayName: HOSTILE } },
];

function why(props: Partial<Parameters<typeof WhyTogether>[0]> = {}) {
  return (
    <WhyTogether
      rule="kill-chain"
      ruleVersion={3}
      progression={[
        { tactic: 'RECONNAISSANCE', alertCount: 1 },
        { tactic: 'INITIAL_ACCESS', alertCount: 1200 },
      ]}
      links={links}
      total={1201}
      hasMore
      loadingMore={false}
      moreError={null}
      onMore={() => {}}
      {...props}
    />
  );
}

describe('<WhyTogether>', () => {
  it('names the rule and puts each sentence under its tactic, with the count of the whole step', () => {
    const { container } = ui(why());
    expect(screen.getByText('kill-chain').closest('p')!.textContent).toBe('Correlated by the rule kill-chain, version 3.');
    const steps = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(steps).toEqual(['Reconnaissance · 1 alert', 'Initial Access · 1,200 alerts']);
    const access = container.querySelector<HTMLElement>('[data-step=INITIAL_ACCESS]')!;
    expect(access.getAttribute('aria-labelledby')).toBe('why-INITIAL_ACCESS');
    expect(within(access).getAllByRole('listitem').map((li) => li.querySelector('[data-field=explanation]')!.textContent)).toEqual([links[1]!.explanation]);
    expect(within(access).getByRole('link', { name: `Open the alert ${HOSTILE}` }).getAttribute('href')).toBe('/alerts/12');
  });

  it('renders alert text as text, never markup', () => {
    const { container } = ui(why());
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText(links[1]!.explanation)).toBeTruthy();
  });

  it('offers more reasons while there are more, and says how many are shown', () => {
    const onMore = vi.fn();
    ui(why({ onMore }));
    expect(screen.getByRole('status').textContent).toBe('Showing 2 of 1,201 reasons.');
    fireEvent.click(screen.getByRole('button', { name: 'Show more reasons' }));
    expect(onMore).toHaveBeenCalledOnce();
  });

  it('has no "show more" on the last page, and tells a failed page', () => {
    ui(why({ hasMore: false, total: 2, moreError: 'network down' }));
    expect(screen.queryByRole('button', { name: 'Show more reasons' })).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('network down');
  });
});

describe('<LinkingEntities> and <IncidentResources>', () => {
  it('lists each tying value with the resources it ties, linked, and how many more there are', () => {
    ui(
      <LinkingEntities
        total={3}
        entities={[{ kind: 'ip', value: 'ip:203.0.113.7', resourceCount: 22, resources: [{ id: '5', name: 'db1' }, { id: '6', name: HOSTILE }] }]}
      />,
    );
    const table = screen.getByRole('table', { name: 'Entities that tie the resources of this incident' });
    const cells = within(table).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual(['ip', '203.0.113.7', `db1${HOSTILE}and 20 more resources`]);
    expect(within(table).getByRole('link', { name: HOSTILE }).getAttribute('href')).toBe('/resources/6');
    expect(screen.getByText('Showing the first 1 of 3 linking entities.')).toBeTruthy();
    expect(table.querySelector('img')).toBeNull();
  });

  it('lists every resource of the incident, linked to its page', () => {
    ui(<IncidentResources total={2} resources={[{ id: '5', name: 'db1', type: 'Microsoft.Sql/servers' }, { id: '6', name: 'web1' }]} />);
    const list = screen.getByRole('list', { name: 'Resources of this incident' });
    expect(within(list).getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['db1', '/resources/5'],
      ['web1', '/resources/6'],
    ]);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Resources (2)');
  });
});

describe('<RelatedIncidents>', () => {
  it('links the incidents it covers, is covered by, follows and is followed by', () => {
    ui(
      <RelatedIncidents
        covers={[{ id: '7', title: 'Security incident detected on db1', status: 'ACTIVE' }]}
        coveredBy={[]}
        follows={{ id: '3', title: 'Security incident detected on multiple resources', status: 'RESOLVED' }}
        followedBy={[{ id: '9', title: 'Security incident detected on multiple resources', status: 'ACTIVE' }]}
      />,
    );
    const hrefs = (name: string) => within(screen.getByRole('list', { name })).getAllByRole('link').map((a) => a.getAttribute('href'));
    expect(hrefs('Per-resource incidents this incident covers')).toEqual(['/incidents/7']);
    expect(hrefs('The incident this one follows')).toEqual(['/incidents/3']);
    expect(hrefs('Incidents that follow this one')).toEqual(['/incidents/9']);
    expect(screen.queryByRole('list', { name: 'Multi-resource incidents that cover this incident' })).toBeNull();
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Covers 1 per-resource incident', 'Follows', 'Followed by']);
  });

  it('shows nothing for an incident with no related incident', () => {
    const { container } = ui(<RelatedIncidents covers={[]} coveredBy={[]} follows={null} followedBy={[]} />);
    expect(container.querySelector('section')).toBeNull();
  });
});
