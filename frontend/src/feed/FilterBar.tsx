import { Button, Input, Label, makeStyles, tokens, useId } from '@fluentui/react-components';
import { Dismiss16Regular, Search16Regular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import { CATEGORIES, categoryLabel, severityLabel, statusLabel } from '../components/labels';
import { MultiSelect } from '../components/MultiSelect';
import { SingleSelect } from '../components/SingleSelect';
import { TACTICS, tacticLabel } from '../killchain/tactics';
import { formatOffset, offsetOf } from '../time/format';
import { DEFAULT_FILTERS, RANGES, SEVERITIES, SHOWS, STATUSES, isDefault, type Filters, type Range } from './filters';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: '12px' },
  field: { display: 'flex', flexDirection: 'column', gap: '2px' },
  label: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  search: { width: '260px' },
});

const rangeLabels: Record<Range, string> = {
  all: 'All time',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  custom: 'Custom range',
};
const showLabels: Record<(typeof SHOWS)[number], string> = {
  all: 'Incidents and alerts',
  incidents: 'Incidents only',
  alerts: 'Alerts only',
  standalone: 'Alerts in no incident',
};

/** toLocalInput turns an instant into a datetime-local value in the viewer's zone. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** fromLocalInput reads a datetime-local value (viewer's zone) as an instant. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value); // a date-time without offset is local time
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

interface FilterBarProps {
  filters: Filters;
  /** replace: update the URL without a new history entry (typing). */
  onChange: (next: Filters, opts?: { replace?: boolean }) => void;
  /** The name of the resource filtered to (filters.resource is its id). */
  resourceName?: string | null;
}


/** FilterBar edits the list's filters; the page keeps them in the URL. */
export function FilterBar({ filters, onChange, resourceName }: FilterBarProps) {
  const styles = useStyles();
  const id = useId('filter');
  const [text, setText] = useState(filters.q);
  const lastSent = useRef(filters.q);

  // The URL changed from outside (back, a link): show its search text.
  useEffect(() => {
    if (filters.q !== lastSent.current) {
      lastSent.current = filters.q;
      setText(filters.q);
    }
  }, [filters.q]);

  // Typing updates the URL after a pause, replacing the history entry.
  useEffect(() => {
    if (text.trim() === filters.q) return;
    const t = setTimeout(() => {
      lastSent.current = text.trim();
      onChange({ ...filters, q: text.trim() }, { replace: true });
    }, 300);
    return () => clearTimeout(t);
  }, [text, filters, onChange]);

  const offset = formatOffset(offsetOf(new Date()));

  return (
    <div className={styles.bar} role="search" aria-label="Filter the list">
      <div className={styles.field}>
        <Label htmlFor={`${id}-q`} className={styles.label}>
          Search
        </Label>
        <Input
          id={`${id}-q`}
          className={styles.search}
          value={text}
          onChange={(_, d) => setText(d.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              lastSent.current = text.trim();
              onChange({ ...filters, q: text.trim() }, { replace: true });
            }
          }}
          contentBefore={<Search16Regular />}
          placeholder="Name, description, entity…"
          maxLength={200}
        />
      </div>
      <div className={styles.field}>
        <Label id={`${id}-show`} className={styles.label}>
          Show
        </Label>
        <SingleSelect
          label="Show"
          labelledBy={`${id}-show`}
          options={SHOWS}
          value={filters.show}
          optionLabel={(v) => showLabels[v]}
          onChange={(show) => onChange({ ...filters, show })}
        />
      </div>
      <div className={styles.field}>
        <Label id={`${id}-sev`} className={styles.label}>
          Severity
        </Label>
        <MultiSelect
          label="Severity"
          labelledBy={`${id}-sev`}
          options={SEVERITIES}
          selected={filters.severity}
          optionLabel={severityLabel}
          allText="All severities"
          onChange={(v) => onChange({ ...filters, severity: v })}
        />
      </div>
      <div className={styles.field}>
        <Label id={`${id}-status`} className={styles.label}>
          Status
        </Label>
        <MultiSelect
          label="Status"
          labelledBy={`${id}-status`}
          options={STATUSES}
          selected={filters.status}
          optionLabel={statusLabel}
          allText="All statuses"
          onChange={(v) => onChange({ ...filters, status: v })}
        />
      </div>
      <div className={styles.field}>
        <Label id={`${id}-tactic`} className={styles.label}>
          Tactic
        </Label>
        <MultiSelect
          label="Tactic"
          labelledBy={`${id}-tactic`}
          options={TACTICS}
          selected={filters.tactic}
          optionLabel={tacticLabel}
          allText="All tactics"
          onChange={(v) => onChange({ ...filters, tactic: v })}
        />
      </div>
      <div className={styles.field}>
        <Label id={`${id}-category`} className={styles.label}>
          Resource category
        </Label>
        <MultiSelect
          label="Resource category"
          labelledBy={`${id}-category`}
          options={CATEGORIES}
          selected={filters.category}
          optionLabel={categoryLabel}
          allText="All categories"
          onChange={(v) => onChange({ ...filters, category: v })}
        />
      </div>
      <div className={styles.field}>
        <Label id={`${id}-range`} className={styles.label}>
          Time range
        </Label>
        <SingleSelect
          label="Time range"
          labelledBy={`${id}-range`}
          options={RANGES}
          value={filters.range}
          optionLabel={(v) => rangeLabels[v]}
          onChange={(range: Range) => {
            if (range === 'custom') {
              // Start the custom range from the last 7 days, editable.
              const to = new Date();
              const from = new Date(to.getTime() - 7 * 86400_000);
              onChange({ ...filters, range, from: filters.from ?? from.toISOString(), to: filters.to ?? to.toISOString() });
            } else onChange({ ...filters, range, from: null, to: null });
          }}
        />
      </div>
      {filters.range === 'custom' && (
        <>
          <div className={styles.field}>
            <Label htmlFor={`${id}-from`} className={styles.label}>
              From ({offset})
            </Label>
            <Input
              id={`${id}-from`}
              type="datetime-local"
              value={toLocalInput(filters.from)}
              onChange={(_, d) => onChange({ ...filters, from: fromLocalInput(d.value) }, { replace: true })}
            />
          </div>
          <div className={styles.field}>
            <Label htmlFor={`${id}-to`} className={styles.label}>
              To ({offset})
            </Label>
            <Input
              id={`${id}-to`}
              type="datetime-local"
              value={toLocalInput(filters.to)}
              onChange={(_, d) => onChange({ ...filters, to: fromLocalInput(d.value) }, { replace: true })}
            />
          </div>
        </>
      )}
      {filters.resource && (
        <div className={styles.field}>
          <span className={styles.label} id={`${id}-resource`}>
            Resource
          </span>
          <Button
            icon={<Dismiss16Regular />}
            iconPosition="after"
            aria-describedby={`${id}-resource`}
            title="Show every resource"
            onClick={() => onChange({ ...filters, resource: null })}
            data-testid="resource-filter"
          >
            {resourceName ?? filters.resource}
          </Button>
        </div>
      )}
      {!isDefault({ ...filters, sort: 'time-desc' }) && (
        <Button
          appearance="subtle"
          icon={<Dismiss16Regular />}
          onClick={() => {
            setText('');
            lastSent.current = '';
            onChange({ ...DEFAULT_FILTERS, sort: filters.sort });
          }}
        >
          Clear filters
        </Button>
      )}
    </div>
  );
}
