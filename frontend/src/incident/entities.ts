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

/** GraphElements: nodes (alerts and entities, ids prefixed so they cannot collide) and alert→entity edges. */
export interface GraphElements {
  nodes: { id: string; label: string; type: 'alert' | 'entity'; kind: string; ref: string }[];
  edges: { id: string; source: string; target: string }[];
}

/** graphElements builds the alerts–entities graph; labels are plain text (cytoscape draws them on a canvas). */
export function graphElements(alerts: readonly MemberAlert[], entities: readonly IncidentEntity[]): GraphElements {
  const nodes: GraphElements['nodes'] = [];
  const edges: GraphElements['edges'] = [];
  const withEntities = new Set(entities.flatMap((e) => e.alertIds));
  for (const a of alerts) {
    if (!withEntities.has(a.id)) continue;
    nodes.push({ id: `a:${a.id}`, label: a.displayName, type: 'alert', kind: a.severity, ref: a.id });
  }
  for (const e of entities) {
    nodes.push({ id: `e:${e.id}`, label: `${e.kind}: ${e.name}`, type: 'entity', kind: e.kind, ref: e.id });
    for (const aid of e.alertIds) edges.push({ id: `a:${aid}->e:${e.id}`, source: `a:${aid}`, target: `e:${e.id}` });
  }
  return { nodes, edges };
}
