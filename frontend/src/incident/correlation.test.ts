import { describe, expect, it } from 'vitest';
import { countText, entityValueText, groupLinks, mergeLinks, type LinkView } from './correlation';

const link = (id: string, tactics: LinkView['tactics']): LinkView => ({ id, tactics, explanation: `sentence ${id}`, alert: { id: `a${id}`, displayName: `alert ${id}` } });

describe('groupLinks', () => {
  it('puts each link once under its earliest tactic, groups in kill-chain order, no-tactic links last, with the server counts', () => {
    const links = [link('1', ['EXECUTION']), link('2', []), link('3', ['EXECUTION', 'INITIAL_ACCESS']), link('4', ['RECONNAISSANCE']), link('5', ['EXECUTION'])];
    const steps = [
      { tactic: 'RECONNAISSANCE' as const, alertCount: 1 },
      { tactic: 'INITIAL_ACCESS' as const, alertCount: 1 },
      { tactic: 'EXECUTION' as const, alertCount: 3000 },
    ];
    const g = groupLinks(steps, links);
    expect(g.map((x) => [x.tactic, x.label, x.alertCount, x.links.map((l) => l.id)])).toEqual([
      ['RECONNAISSANCE', 'Reconnaissance', 1, ['4']],
      ['INITIAL_ACCESS', 'Initial Access', 1, ['3']],
      ['EXECUTION', 'Execution', 3000, ['1', '5']],
      [null, 'No known tactic', null, ['2']],
    ]);
  });

  it('is empty with no links', () => {
    expect(groupLinks([{ tactic: 'EXECUTION', alertCount: 2 }], [])).toEqual([]);
  });
});

describe('mergeLinks', () => {
  it('appends a further page, each link once, in the order read', () => {
    expect(mergeLinks([{ id: '1' }, { id: '2' }], [{ id: '2' }, { id: '3' }]).map((l) => l.id)).toEqual(['1', '2', '3']);
  });
});

describe('entityValueText and countText', () => {
  it('drops the kind prefix of a key only when it is there', () => {
    expect(entityValueText('ip', 'ip:203.0.113.7')).toBe('203.0.113.7');
    expect(entityValueText('host', 'host:web1.corp.example')).toBe('web1.corp.example');
    expect(entityValueText('ip', 'account:upn:a@b')).toBe('account:upn:a@b');
  });

  it('says one or many with thousands separated', () => {
    expect(countText(1, 'alert')).toBe('1 alert');
    expect(countText(3000, 'alert')).toBe('3,000 alerts');
    expect(countText(2, 'more resource')).toBe('2 more resources');
  });
});
