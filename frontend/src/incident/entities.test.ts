import { describe, expect, it } from 'vitest';
import { collectEntities, graphElements, type MemberAlert } from './entities';

const alerts: MemberAlert[] = [
  { id: '1', displayName: 'RDP brute force', severity: 'MEDIUM', entities: [{ id: 'h', kind: 'host', key: 'host:vm1', name: 'vm1' }, { id: 'ip', kind: 'ip', key: 'ip:1.2.3.4', name: '1.2.3.4' }] },
  { id: '2', displayName: 'Suspicious process', severity: 'HIGH', entities: [{ id: 'h', kind: 'host', key: 'host:vm1', name: 'vm1' }, { id: 'p', kind: 'process', key: null, name: 'svchost.exe' }] },
  { id: '3', displayName: 'No entities', severity: 'LOW', entities: null },
];

describe('incident entities', () => {
  it('lists each entity once with the alerts that name it, the most shared first', () => {
    const e = collectEntities(alerts);
    expect(e.map((x) => [x.id, x.alertIds])).toEqual([
      ['h', ['1', '2']],
      ['ip', ['1']],
      ['p', ['2']],
    ]);
  });

  it('builds the alerts–entities graph, leaving out alerts with no entity', () => {
    const g = graphElements(alerts, collectEntities(alerts));
    expect(g.nodes.map((n) => n.id)).toEqual(['a:1', 'a:2', 'e:h', 'e:ip', 'e:p']);
    expect(g.edges.map((x) => x.id)).toEqual(['a:1->e:h', 'a:2->e:h', 'a:1->e:ip', 'a:2->e:p']);
    expect(g.nodes.find((n) => n.id === 'e:p')!.label).toBe('process: svchost.exe');
  });
});
