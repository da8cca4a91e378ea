import { Button, Caption1, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowLeft20Regular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { navigate } from '../router/router';

const useStyles = makeStyles({
  page: { padding: '16px 24px 48px', boxSizing: 'border-box', overflow: 'auto', height: '100%' },
  head: { display: 'flex', alignItems: 'flex-start', gap: '12px', marginBottom: '16px', flexWrap: 'wrap' },
  titles: { display: 'flex', flexDirection: 'column', gap: '2px', flex: '1 1 400px', minWidth: 0 },
  title: { overflowWrap: 'anywhere', margin: 0 },
  actions: { display: 'flex', gap: '8px', alignItems: 'center' },
  section: {
    marginBottom: '20px',
    padding: '12px 16px',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  sectionTitle: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: '0 0 8px' },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'minmax(140px, max-content) 1fr',
    columnGap: '24px',
    rowGap: '6px',
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, minWidth: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
});

/** DetailPage is the frame of the incident and alert pages. */
export function DetailPage(props: { kicker: string; title: ReactNode; actions?: ReactNode; children: ReactNode; labelledBy?: string }) {
  const styles = useStyles();
  return (
    <article className={styles.page} aria-labelledby="detail-title">
      <div className={styles.head}>
        <Button
          appearance="subtle"
          icon={<ArrowLeft20Regular />}
          aria-label="Back"
          onClick={() => (window.history.length > 1 ? window.history.back() : navigate('/alerts'))}
        />
        <div className={styles.titles}>
          <Caption1>{props.kicker}</Caption1>
          <Title2 as="h1" id="detail-title" className={styles.title}>
            {props.title}
          </Title2>
        </div>
        <div className={styles.actions}>{props.actions}</div>
      </div>
      {props.children}
    </article>
  );
}

/** Section is a titled box of a detail page. */
export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  const styles = useStyles();
  const hid = id ? `${id}-title` : undefined;
  return (
    <section className={styles.section} aria-labelledby={hid} aria-label={hid ? undefined : title} data-section={id}>
      <h2 className={styles.sectionTitle} id={hid}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Fields is a definition list of name/value pairs; empty values show as "—". */
export function Fields({ items }: { items: readonly (readonly [label: string, value: ReactNode, key?: string])[] }) {
  const styles = useStyles();
  return (
    <dl className={styles.fields}>
      {items.map(([label, value, key]) => (
        <div key={key ?? label} style={{ display: 'contents' }}>
          <dt className={styles.term}>{label}</dt>
          <dd className={styles.value}>{value === '' || value === null || value === undefined ? '—' : value}</dd>
        </div>
      ))}
    </dl>
  );
}
