import { makeStyles, tokens } from '@fluentui/react-components';
import cytoscape from 'cytoscape';
import { useEffect, useRef } from 'react';
import type { GraphElements } from './entities';

const useStyles = makeStyles({
  graph: {
    height: '420px',
    width: '100%',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

const SEVERITY_COLOUR: Record<string, string> = { HIGH: '#d13438', MEDIUM: '#f7630c', LOW: '#c19c00', INFORMATIONAL: '#4f6bed' };

/**
 * EntityGraph draws the incident's alerts (squares, by severity colour),
 * the entities they name (circles) and, for a multi-resource incident, its
 * resources (large hexagons) with a thick dashed edge from each tying
 * entity to each resource it ties; a click on an alert or a resource opens
 * it. Loaded on its own (cytoscape is large), only on the incident page.
 * Labels are drawn on the canvas as text.
 */
export default function EntityGraph({
  elements,
  dark,
  onOpenAlert,
  onOpenResource,
  label,
}: {
  elements: GraphElements;
  dark: boolean;
  onOpenAlert: (id: string) => void;
  onOpenResource?: (id: string) => void;
  label: string;
}) {
  const styles = useStyles();
  const host = useRef<HTMLDivElement>(null);
  const open = useRef(onOpenAlert);
  open.current = onOpenAlert;
  const openResource = useRef(onOpenResource);
  openResource.current = onOpenResource;

  useEffect(() => {
    if (!host.current) return;
    const text = dark ? '#e0e0e0' : '#242424';
    const cy = cytoscape({
      container: host.current,
      elements: [
        ...elements.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, label: n.label, type: n.type, kind: n.kind, ref: n.ref } })),
        ...elements.edges.map((e) => ({ group: 'edges' as const, data: { id: e.id, source: e.source, target: e.target, type: e.type } })),
      ],
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            color: text,
            'font-size': 10,
            'text-valign': 'bottom',
            'text-margin-y': 4,
            'text-wrap': 'ellipsis',
            'text-max-width': '140px',
            width: 18,
            height: 18,
          },
        },
        { selector: 'node[type = "alert"]', style: { shape: 'round-rectangle', 'background-color': (n: cytoscape.NodeSingular) => SEVERITY_COLOUR[n.data('kind')] ?? '#8a8886' } },
        { selector: 'node[type = "entity"]', style: { shape: 'ellipse', 'background-color': dark ? '#8a8886' : '#605e5c', width: 14, height: 14 } },
        {
          selector: 'node[type = "resource"]',
          style: { shape: 'hexagon', 'background-color': dark ? '#479ef5' : '#0f6cbd', width: 30, height: 30, 'font-weight': 'bold', 'font-size': 11 },
        },
        { selector: 'edge', style: { width: 1, 'line-color': dark ? '#5c5c5c' : '#c8c6c4', 'curve-style': 'straight' } },
        { selector: 'edge[type = "ties"]', style: { width: 3, 'line-style': 'dashed', 'line-color': dark ? '#479ef5' : '#0f6cbd' } },
      ],
      layout: { name: elements.nodes.length > 60 ? 'concentric' : 'cose', animate: false, padding: 16 } as cytoscape.LayoutOptions,
      minZoom: 0.2,
      maxZoom: 3,
      wheelSensitivity: 0.3,
    });
    cy.on('tap', 'node[type = "alert"]', (e) => open.current(String(e.target.data('ref'))));
    cy.on('tap', 'node[type = "resource"]', (e) => openResource.current?.(String(e.target.data('ref'))));
    return () => cy.destroy();
  }, [elements, dark]);

  return <div ref={host} className={styles.graph} role="img" aria-label={label} data-testid="entity-graph" />;
}
