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

  it('adds the resources a tying entity ties, with an edge from the entity to each, and a node for a tying value no alert read names', () => {
    const ties = [
      { kind: 'ip', value: 'ip:1.2.3.4', resources: [{ id: 'r1', name: 'vm1' }, { id: 'r2', name: 'vm2' }] },
      { kind: 'host', value: 'host:web.corp.example', resources: [{ id: 'r2', name: 'vm2' }] },
    ];
    const g = graphElements(alerts, collectEntities(alerts), ties);
    expect(g.nodes.filter((n) => n.type === 'resource').map((n) => [n.id, n.label, n.ref])).toEqual([
      ['r:r1', 'vm1', 'r1'],
      ['r:r2', 'vm2', 'r2'],
    ]);
    expect(g.edges.filter((e) => e.type === 'ties').map((e) => e.id)).toEqual(['e:ip->r:r1', 'e:ip->r:r2', 't:host:web.corp.example->r:r2']);
    expect(g.nodes.find((n) => n.id === 't:host:web.corp.example')!.label).toBe('host: web.corp.example');
    expect(g.edges.filter((e) => e.type === 'names')).toHaveLength(4);
  });
});
