import { Checkbox, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Alert20Regular, ArrowSortDown16Regular, ArrowSortUp16Regular, ShieldError20Filled } from '@fluentui/react-icons';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Pill, SeverityLabel, StatusBadge } from '../components/badges';
import { categoryLabel } from '../components/labels';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { inKillChainOrder, tacticLabel } from '../killchain/tactics';
import { Link } from '../router/router';
import { TimeStack } from '../time/Time';
import type { AlertRowFragment as AlertRowData, IncidentRowFragment as IncidentRowData } from '../gql/graphql';
import type { FeedRow } from './merge';
import type { Sort } from './filters';

/** IncidentRow: what a list row shows of an incident. */
export const IncidentRowFragment = graphql(`
  fragment IncidentRow on Incident {
    id
    title
    severity
    status
    isActive
    tactics
    lastActivityTime
    alertCount
    multiResource
    resourceCount
    resource {
      id
      name
      type
      resourceId
      category
    }
  }
`);

/** AlertRow: what a list row shows of an alert. */
export const AlertRowFragment = graphql(`
  fragment AlertRow on Alert {
    id
    displayName
    severity
    status
    tactics
    startTime
    compromisedEntity
    category
    resource {
      id
      name
      type
      resourceId
    }
  }
`);

export type IncidentRowRef = FragmentType<typeof IncidentRowFragment>;
export type AlertRowRef = FragmentType<typeof AlertRowFragment>;
export type Row = FeedRow<IncidentRowRef, AlertRowRef>;

/** ROW_HEIGHT is fixed so that the list can be virtualised and anchored exactly. */
export const ROW_HEIGHT = 48;
const HEADER_HEIGHT = 36;
const OVERSCAN = 8;
const COLUMNS = '40px 32px 116px minmax(240px, 3fr) minmax(140px, 1.3fr) 172px minmax(150px, 1.4fr) 230px 104px 64px';

const useStyles = makeStyles({
  viewport: {
    position: 'relative',
    flex: '1 1 auto',
    minHeight: 0,
    overflow: 'auto',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  table: {
    minWidth: '1240px',
    outlineStyle: 'none',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  headerGroup: { position: 'sticky', top: 0, zIndex: 1 },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  header: {
    display: 'grid',
    gridTemplateColumns: COLUMNS,
    alignItems: 'center',
    height: `${HEADER_HEIGHT}px`,
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
  },
  body: { position: 'relative' },
  row: {
    position: 'absolute',
    left: 0,
    right: 0,
    display: 'grid',
    gridTemplateColumns: COLUMNS,
    alignItems: 'center',
    height: `${ROW_HEIGHT}px`,
    boxSizing: 'border-box',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    fontSize: tokens.fontSizeBase300,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
  },
  selected: { backgroundColor: tokens.colorBrandBackground2, ':hover': { backgroundColor: tokens.colorBrandBackground2Hover } },
  active: { boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorSubtleBackgroundHover },
  incident: { fontWeight: tokens.fontWeightSemibold },
  cell: { minWidth: 0, padding: '0 8px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  time: { fontSize: tokens.fontSizeBase200 },
  icon: { display: 'flex', justifyContent: 'center' },
  incidentIcon: { color: tokens.colorPaletteRedForeground1 },
  alertIcon: { color: tokens.colorNeutralForeground3 },
  name: { display: 'flex', alignItems: 'center', gap: '6px', minWidth: 0 },
  nameText: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  footer: { display: 'flex', justifyContent: 'center', alignItems: 'center', minHeight: `${ROW_HEIGHT}px`, minWidth: '1240px' },
  number: { textAlign: 'right' },
  sortButton: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: '4px',
    padding: 0,
    border: 'none',
    background: 'none',
    font: 'inherit',
    color: 'inherit',
    cursor: 'pointer',
    ':hover': { color: tokens.colorNeutralForeground1 },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, borderRadius: tokens.borderRadiusSmall },
  },
});

/** nextSort: a click on a column's header sorts by it, descending first, then flips the direction. */
export function nextSort(current: Sort, column: 'time' | 'severity'): Sort {
  if (!current.startsWith(column)) return `${column}-desc`;
  return current.endsWith('desc') ? `${column}-asc` : `${column}-desc`;
}

function SortHeader({ column, label, sort, onSort }: { column: 'time' | 'severity'; label: string; sort: Sort; onSort: (s: Sort) => void }) {
  const styles = useStyles();
  const on = sort.startsWith(column);
  const desc = sort.endsWith('desc');
  return (
    <div className={styles.cell} role="columnheader" aria-sort={on ? (desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className={styles.sortButton} onClick={() => onSort(nextSort(sort, column))} data-sort-column={column}>
        {label}
        {on && (desc ? <ArrowSortDown16Regular aria-hidden /> : <ArrowSortUp16Regular aria-hidden />)}
      </button>
    </div>
  );
}

/** rowPath is the page of a row. */
export function rowPath(r: { kind: 'incident' | 'alert'; id: string }): string {
  return `${r.kind === 'incident' ? '/incidents' : '/alerts'}/${encodeURIComponent(r.id)}`;
}

const scrollMemory = new Map<string, number>();

interface FeedGridProps {
  rows: readonly Row[];
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], on: boolean) => void;
  activeId: string | null;
  onActive: (id: string) => void;
  onOpen: (row: Row) => void;
  newIds: ReadonlySet<string>;
  onNearEnd: () => void;
  footer: ReactNode;
  /** Scroll position is remembered per history entry. */
  scrollKey: string;
  label: string;
  /** All rows the list would have, when known (for screen readers). */
  totalRows: number | null;
  sort: Sort;
  onSort: (s: Sort) => void;
}

/**
 * FeedGrid is the virtualised list of incidents and alerts: fixed-height
 * rows, only the visible ones rendered; keyboard navigation with the arrow
 * keys, Home/End, Page Up/Down, Enter to open and Space to select. When rows
 * are inserted above the viewport, the first visible row stays in place.
 */
export function FeedGrid(props: FeedGridProps) {
  const { rows, selected, onSelect, activeId, onActive, onOpen, newIds, onNearEnd, footer, scrollKey, label, totalRows, sort, onSort } = props;
  const styles = useStyles();
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(800);
  const anchor = useRef<{ id: string; offset: number } | null>(null);
  const restored = useRef(false);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight || 800));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const bodyTop = HEADER_HEIGHT;
  const updateAnchor = useCallback(
    (top: number) => {
      const idx = Math.max(0, Math.floor(top / ROW_HEIGHT));
      const r = rows[idx];
      anchor.current = top > 0 && r ? { id: r.id, offset: top - idx * ROW_HEIGHT } : null;
    },
    [rows],
  );

  // Keep the first visible row where it was when rows are inserted above it.
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    if (!restored.current) {
      const saved = scrollMemory.get(scrollKey);
      if (saved && rows.length * ROW_HEIGHT >= saved) {
        el.scrollTop = saved;
        setScrollTop(saved);
        restored.current = true;
      } else if (!saved) restored.current = true;
      updateAnchor(el.scrollTop);
      return;
    }
    const a = anchor.current;
    if (!a) return;
    const idx = rows.findIndex((r) => r.id === a.id);
    if (idx < 0) return;
    const want = idx * ROW_HEIGHT + a.offset;
    if (Math.abs(el.scrollTop - want) >= 1) {
      el.scrollTop = want;
      setScrollTop(want);
    }
  }, [rows, scrollKey, updateAnchor]);

  // Remember the position for this history entry (read from the last scroll:
  // a detached element no longer has one).
  const lastTop = useRef(0);
  useEffect(() => () => void scrollMemory.set(scrollKey, lastTop.current), [scrollKey]);

  const start = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const end = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  useEffect(() => {
    if (end >= rows.length - OVERSCAN) onNearEnd();
  }, [end, rows.length, onNearEnd]);

  const activeIndex = activeId ? rows.findIndex((r) => r.id === activeId) : -1;

  const moveTo = (idx: number) => {
    const el = viewport.current;
    const r = rows[Math.max(0, Math.min(rows.length - 1, idx))];
    if (!r || !el) return;
    const i = rows.indexOf(r);
    onActive(r.id);
    const top = i * ROW_HEIGHT;
    const visibleHeight = el.clientHeight - bodyTop || height - bodyTop;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + visibleHeight) el.scrollTop = top + ROW_HEIGHT - visibleHeight;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || !rows.length) return;
    const page = Math.max(1, Math.floor((height - bodyTop) / ROW_HEIGHT) - 1);
    const cur = activeIndex;
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(cur < 0 ? 0 : cur + 1),
      ArrowUp: () => moveTo(cur < 0 ? 0 : cur - 1),
      PageDown: () => moveTo(cur + page),
      PageUp: () => moveTo(cur - page),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
      Enter: () => cur >= 0 && onOpen(rows[cur]!),
      ' ': () => cur >= 0 && onSelect([rows[cur]!.id], !selected.has(rows[cur]!.id)),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const someSelected = !allSelected && rows.some((r) => selected.has(r.id));
  const visible = rows.slice(start, end);

  return (
    <div
      ref={viewport}
      className={styles.viewport}
      onScroll={(e) => {
        const top = e.currentTarget.scrollTop;
        lastTop.current = top;
        setScrollTop(top);
        updateAnchor(top);
      }}
      data-testid="feed-scroll"
    >
      <div
        className={styles.table}
        role="grid"
        aria-label={label}
        aria-rowcount={totalRows === null ? -1 : totalRows + 1}
        aria-multiselectable
        aria-activedescendant={activeIndex >= start && activeIndex < end ? `row-${activeId}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div role="rowgroup" className={styles.headerGroup}>
          <div className={styles.header} role="row" aria-rowindex={1}>
            <div className={styles.cell} role="columnheader">
              <Checkbox
                aria-label="Select all loaded rows"
                checked={allSelected ? true : someSelected ? 'mixed' : false}
                onChange={(_, d) => onSelect(rows.map((r) => r.id), d.checked === true)}
                disabled={!rows.length}
              />
            </div>
            <div className={styles.cell} role="columnheader">
              <span className={styles.hidden}>Type</span>
            </div>
            <SortHeader column="severity" label="Severity" sort={sort} onSort={onSort} />
            <div className={styles.cell} role="columnheader">Name</div>
            <div className={styles.cell} role="columnheader">Affected resource</div>
            <div className={styles.cell} role="columnheader">Resource category</div>
            <div className={styles.cell} role="columnheader">Tactics</div>
            <SortHeader column="time" label="Activity time" sort={sort} onSort={onSort} />
            <div className={styles.cell} role="columnheader">Status</div>
            <div className={mergeClasses(styles.cell, styles.number)} role="columnheader">Alerts</div>
          </div>
        </div>
        <div role="rowgroup" className={styles.body} style={{ height: rows.length * ROW_HEIGHT }}>
          {visible.map((r, k) => (
            <FeedGridRow
              key={r.id}
              row={r}
              index={start + k}
              selected={selected.has(r.id)}
              active={r.id === activeId}
              isNew={newIds.has(r.id)}
              onSelect={onSelect}
              onOpen={onOpen}
              onActive={onActive}
            />
          ))}
        </div>
      </div>
      <div className={styles.footer}>{footer}</div>
    </div>
  );
}

interface RowProps {
  row: Row;
  index: number;
  selected: boolean;
  active: boolean;
  isNew: boolean;
  onSelect: (ids: string[], on: boolean) => void;
  onOpen: (row: Row) => void;
  onActive: (id: string) => void;
}

function FeedGridRow({ row, index, selected, active, isNew, onSelect, onOpen, onActive }: RowProps) {
  const styles = useStyles();
  const view =
    row.kind === 'incident'
      ? incidentView(getFragmentData(IncidentRowFragment, row.node))
      : alertView(getFragmentData(AlertRowFragment, row.node));
  return (
    <div
      id={`row-${row.id}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-kind={row.kind}
      data-id={row.id}
      className={mergeClasses(styles.row, row.kind === 'incident' && styles.incident, selected && styles.selected, active && styles.active)}
      style={{ top: index * ROW_HEIGHT }}
      onClick={(e) => {
        if ((e.target as HTMLElement).closest('a,button,input,label')) return;
        onActive(row.id);
        onOpen(row);
      }}
    >
      <div className={styles.cell} role="gridcell">
        <Checkbox aria-label={`Select ${view.name}`} checked={selected} onChange={(_, d) => onSelect([row.id], d.checked === true)} />
      </div>
      <div className={mergeClasses(styles.cell, styles.icon)} role="gridcell">
        {row.kind === 'incident' ? (
          <ShieldError20Filled className={styles.incidentIcon} aria-label="Security incident" role="img" data-icon="incident" />
        ) : (
          <Alert20Regular className={styles.alertIcon} aria-label="Alert" role="img" data-icon="alert" />
        )}
      </div>
      <div className={styles.cell} role="gridcell">
        <SeverityLabel severity={view.severity} />
      </div>
      <div className={styles.cell} role="gridcell">
        <span className={styles.name}>
          <Link to={rowPath(row)} className={styles.nameText} title={view.name} tabIndex={-1} onClick={() => onActive(row.id)}>
            {view.name}
          </Link>
          {isNew && (
            <Pill tone="brand">New</Pill>
          )}
        </span>
      </div>
      <div className={styles.cell} role="gridcell" title={view.resourceTitle}>
        {view.resource}
      </div>
      <div className={styles.cell} role="gridcell" title={categoryLabel(view.category)}>
        {categoryLabel(view.category)}
      </div>
      <div className={styles.cell} role="gridcell" title={view.tactics}>
        {view.tactics || '—'}
      </div>
      <div className={mergeClasses(styles.cell, styles.time)} role="gridcell">
        <TimeStack value={view.time} />
      </div>
      <div className={styles.cell} role="gridcell">
        <StatusBadge status={view.status} />
      </div>
      <div className={mergeClasses(styles.cell, styles.number)} role="gridcell">
        {view.alertCount ?? ''}
      </div>
    </div>
  );
}

function incidentView(i: IncidentRowData) {
  return {
    name: i.title,
    severity: i.severity,
    status: i.status,
    ...incidentResource(i),
    category: i.resource.category,
    tactics: inKillChainOrder(i.tactics).map(tacticLabel).join(', '),
    time: i.lastActivityTime,
    alertCount: i.alertCount as number | undefined,
  };
}

/** incidentResource is what the resource column shows of an incident: a multi-resource one reads "3 resources · vm1" (the count first: the column is narrow). */
export function incidentResource(i: Pick<IncidentRowData, 'multiResource' | 'resourceCount' | 'resource'>) {
  const more = i.multiResource ? i.resourceCount - 1 : 0;
  if (more <= 0) return { resource: i.resource.name, resourceTitle: `${i.resource.type}: ${i.resource.resourceId}` };
  return {
    resource: `${i.resourceCount} resources · ${i.resource.name}`,
    resourceTitle: `${i.resourceCount} resources; the first: ${i.resource.type}: ${i.resource.resourceId}`,
  };
}

function alertView(a: AlertRowData) {
  return {
    name: a.displayName,
    severity: a.severity,
    status: a.status,
    resource: a.resource?.name || a.compromisedEntity || '—',
    resourceTitle: a.resource ? `${a.resource.type}: ${a.resource.resourceId}` : a.compromisedEntity,
    category: a.category,
    tactics: inKillChainOrder(a.tactics).map(tacticLabel).join(', '),
    time: a.startTime,
    alertCount: undefined as number | undefined,
  };
}
