import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { KillChain } from './KillChain';
import { TACTICS, inKillChainOrder, tacticFromSlug, tacticLabel, tacticSlug } from './tactics';

describe('<KillChain>', () => {
  it('draws the 14 tactics in kill-chain order', () => {
    render(<KillChain observed={[]} />);
    const items = within(screen.getByRole('list', { name: 'Kill chain' })).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-tactic'))).toEqual([
      'RECONNAISSANCE',
      'RESOURCE_DEVELOPMENT',
      'INITIAL_ACCESS',
      'EXECUTION',
      'PERSISTENCE',
      'PRIVILEGE_ESCALATION',
      'DEFENSE_EVASION',
      'CREDENTIAL_ACCESS',
      'DISCOVERY',
      'LATERAL_MOVEMENT',
      'COLLECTION',
      'COMMAND_AND_CONTROL',
      'EXFILTRATION',
      'IMPACT',
    ]);
    expect(items[0]!.textContent).toContain('1Reconnaissance');
    expect(items[13]!.textContent).toContain('14Impact');
  });

  it("highlights exactly the observed tactics, whatever their order, and says so in text", () => {
    render(<KillChain observed={['COMMAND_AND_CONTROL', 'INITIAL_ACCESS', 'INITIAL_ACCESS']} />);
    const items = screen.getAllByRole('listitem');
    const observed = items.filter((li) => li.hasAttribute('data-observed')).map((li) => li.getAttribute('data-tactic'));
    expect(observed).toEqual(['INITIAL_ACCESS', 'COMMAND_AND_CONTROL']);
    expect(items.find((li) => li.getAttribute('data-tactic') === 'INITIAL_ACCESS')!.textContent).toContain(': observed');
    expect(items.find((li) => li.getAttribute('data-tactic') === 'IMPACT')!.textContent).toContain(': not observed');
  });
});

describe('tactics', () => {
  it('orders and dedupes tactics by the kill chain', () => {
    expect(inKillChainOrder(['IMPACT', 'RECONNAISSANCE', 'IMPACT', 'EXECUTION'])).toEqual(['RECONNAISSANCE', 'EXECUTION', 'IMPACT']);
  });
  it('round-trips every tactic through its URL slug', () => {
    for (const t of TACTICS) expect(tacticFromSlug(tacticSlug(t))).toBe(t);
    expect(tacticSlug('COMMAND_AND_CONTROL')).toBe('command-and-control');
    expect(tacticFromSlug('no-such-tactic')).toBeNull();
  });
  it('labels tactics as MITRE does', () => {
    expect(tacticLabel('COMMAND_AND_CONTROL')).toBe('Command and Control');
  });
});
