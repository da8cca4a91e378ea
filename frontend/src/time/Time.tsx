import { makeStyles, tokens } from '@fluentui/react-components';
import { useNow } from './clock';
import { formatLocal, formatRelative, formatUTC, parseInstant } from './format';

const useStyles = makeStyles({
  relative: { color: tokens.colorNeutralForeground3 },
});

interface TimeProps {
  /** An RFC 3339 instant as the API sends it. */
  value: string | null | undefined;
  /** Also show "5 min ago" (refreshed). */
  relative?: boolean;
  className?: string;
}

/**
 * Time shows an instant in the viewer's zone with its UTC offset; the UTC
 * instant is the hover title, and the machine-readable value is dateTime.
 */
export function Time({ value, relative, className }: TimeProps) {
  const d = value ? parseInstant(value) : null;
  if (!value || !d) return <span className={className}>—</span>;
  const title = formatUTC(d);
  return (
    <span className={className}>
      <time dateTime={value} title={title}>
        {formatLocal(d)}
      </time>
      {relative && (
        <>
          {' '}
          <RelativeSuffix date={d} />
        </>
      )}
    </span>
  );
}

function Relative({ date }: { date: Date }) {
  const now = useNow();
  return <>{formatRelative(date, new Date(now))}</>;
}

function RelativeSuffix({ date }: { date: Date }) {
  const styles = useStyles();
  return (
    <span className={styles.relative}>
      (<Relative date={date} />)
    </span>
  );
}

/** TimeStack: local time above, relative time below (dense table cells). */
export function TimeStack({ value }: { value: string | null | undefined }) {
  const styles = useStyles();
  const d = value ? parseInstant(value) : null;
  if (!value || !d) return <span>—</span>;
  return (
    <span style={{ display: 'flex', flexDirection: 'column', lineHeight: '16px' }}>
      <time dateTime={value} title={formatUTC(d)}>
        {formatLocal(d)}
      </time>
      <span className={styles.relative}>
        <Relative date={d} />
      </span>
    </span>
  );
}
