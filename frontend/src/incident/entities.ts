// The entities of an incident, gathered from its member alerts: each entity
// once (entities with a strong key are shared between alerts), with the
// alerts that name it; and the alerts–entities graph drawn from that.

/** MemberAlert: what is read of a member alert. */
export interface MemberAlert {
  id: string;
  displayName: string;
  severity: string;
  entities: readonly { id: string; kind: string; key: string | null; name: string }[] | null;
}

/** IncidentEntity: one entity and the member alerts that name it (in the alerts' order). */
export interface IncidentEntity {
  id: string;
  kind: string;
  key: string | null;
  name: string;
  alertIds: string[];
}

/** collectEntities: every entity once; the ones most alerts share first, then by kind and name. */
export function collectEntities(alerts: readonly MemberAlert[]): IncidentEntity[] {
  const byId = new Map<string, IncidentEntity>();
  for (const a of alerts) {
    for (const e of a.entities ?? []) {
      let ent = byId.get(e.id);
      if (!ent) {
        ent = { id: e.id, kind: e.kind, key: e.key, name: e.name, alertIds: [] };
        byId.set(e.id, ent);
      }
      if (!ent.alertIds.includes(a.id)) ent.alertIds.push(a.id);
    }
  }
  return [...byId.values()].sort(
    (a, b) => b.alertIds.length - a.alertIds.length || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
}

/** GraphElements: nodes (alerts, entities and tied resources, ids prefixed so they cannot collide) and edges (alert→entity "names", entity→resource "ties"). */
export interface GraphElements {
  nodes: { id: string; label: string; type: 'alert' | 'entity' | 'resource'; kind: string; ref: string }[];
  edges: { id: string; source: string; target: string; type: 'names' | 'ties' }[];
}

/** Tie: an entity value that ties resources of a multi-resource incident (Correlation.entities). */
export interface Tie {
  kind: string;
  value: string;
  resources: readonly { id: string; name: string }[];
}

/**
 * graphElements builds the alerts–entities graph; for a multi-resource
 * incident also its resources, with an edge from each tying entity to each
 * resource it ties. Labels are plain text (cytoscape draws them on a canvas).
 */
export function graphElements(alerts: readonly MemberAlert[], entities: readonly IncidentEntity[], ties: readonly Tie[] = []): GraphElements {
  const nodes: GraphElements['nodes'] = [];
  const edges: GraphElements['edges'] = [];
  const withEntities = new Set(entities.flatMap((e) => e.alertIds));
  for (const a of alerts) {
    if (!withEntities.has(a.id)) continue;
    nodes.push({ id: `a:${a.id}`, label: a.displayName, type: 'alert', kind: a.severity, ref: a.id });
  }
  const byKey = new Map<string, string>();
  for (const e of entities) {
    nodes.push({ id: `e:${e.id}`, label: `${e.kind}: ${e.name}`, type: 'entity', kind: e.kind, ref: e.id });
    if (e.key && !byKey.has(e.key)) byKey.set(e.key, `e:${e.id}`);
    for (const aid of e.alertIds) edges.push({ id: `a:${aid}->e:${e.id}`, source: `a:${aid}`, target: `e:${e.id}`, type: 'names' });
  }
  const resources = new Set<string>();
  for (const t of ties) {
    let node = byKey.get(t.value);
    if (!node) {
      // The tying value of alerts not read on the page: a node of its own.
      node = `t:${t.value}`;
      byKey.set(t.value, node);
      nodes.push({ id: node, label: `${t.kind}: ${t.value.startsWith(`${t.kind}:`) ? t.value.slice(t.kind.length + 1) : t.value}`, type: 'entity', kind: t.kind, ref: t.value });
    }
    for (const r of t.resources) {
      if (!resources.has(r.id)) {
        resources.add(r.id);
        nodes.push({ id: `r:${r.id}`, label: r.name, type: 'resource', kind: 'resource', ref: r.id });
      }
      edges.push({ id: `${node}->r:${r.id}`, source: node, target: `r:${r.id}`, type: 'ties' });
    }
  }
  return { nodes, edges };
}
