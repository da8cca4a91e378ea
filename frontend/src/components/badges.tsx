import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { AlertStatus, Severity } from '../gql/graphql';
import { severityLabel, statusLabel } from './labels';

// Small labels drawn with Fluent's tokens (lighter than Fluent's Badge, which
// carries every colour and appearance; the list page has a size budget).

const useStyles = makeStyles({
  severity: { display: 'inline-flex', alignItems: 'center', gap: '6px', whiteSpace: 'nowrap' },
  dot: { width: '10px', height: '10px', borderRadius: '50%', flexShrink: 0 },
  HIGH: { backgroundColor: tokens.colorPaletteRedBackground3 },
  MEDIUM: { backgroundColor: tokens.colorPaletteDarkOrangeBackground3 },
  LOW: { backgroundColor: tokens.colorPaletteYellowBackground3 },
  INFORMATIONAL: { backgroundColor: tokens.colorPaletteBlueBorderActive },
  pill: {
    display: 'inline-flex',
    alignItems: 'center',
    height: '20px',
    padding: '0 8px',
    borderRadius: tokens.borderRadiusCircular,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: 'nowrap',
    border: '1px solid transparent',
    boxSizing: 'border-box',
  },
  danger: { backgroundColor: tokens.colorPaletteRedBackground1, color: tokens.colorPaletteRedForeground1, border: `1px solid ${tokens.colorPaletteRedBorder1}` },
  warning: {
    backgroundColor: tokens.colorPaletteDarkOrangeBackground1,
    color: tokens.colorPaletteDarkOrangeForeground1,
    border: `1px solid ${tokens.colorPaletteDarkOrangeBorder1}`,
  },
  success: { backgroundColor: tokens.colorPaletteGreenBackground1, color: tokens.colorPaletteGreenForeground1, border: `1px solid ${tokens.colorPaletteGreenBorder1}` },
  subtle: { backgroundColor: tokens.colorNeutralBackground4, color: tokens.colorNeutralForeground2, border: `1px solid ${tokens.colorNeutralStroke2}` },
  brand: { backgroundColor: tokens.colorBrandBackground, color: tokens.colorNeutralForegroundOnBrand },
  outline: { color: tokens.colorNeutralForeground1, border: `1px solid ${tokens.colorNeutralStroke1}`, fontWeight: tokens.fontWeightRegular },
});

/** Tone of a Pill. */
export type Tone = 'danger' | 'warning' | 'success' | 'subtle' | 'brand' | 'outline';

/** Pill is a small rounded label. */
export function Pill({ tone, children, className, ...data }: { tone: Tone; children: ReactNode; className?: string } & Record<`data-${string}`, string>) {
  const styles = useStyles();
  return (
    <span className={mergeClasses(styles.pill, styles[tone], className)} {...data}>
      {children}
    </span>
  );
}

/** SeverityLabel: a coloured dot and the severity's name (the colour is never the only signal). */
export function SeverityLabel({ severity }: { severity: Severity }) {
  const styles = useStyles();
  return (
    <span className={styles.severity} data-severity={severity}>
      <span className={mergeClasses(styles.dot, styles[severity])} aria-hidden />
      {severityLabel(severity)}
    </span>
  );
}

const statusTone: Record<AlertStatus, Tone> = {
  ACTIVE: 'danger',
  IN_PROGRESS: 'warning',
  RESOLVED: 'success',
  DISMISSED: 'subtle',
};

/** StatusBadge shows an alert's or incident's status. */
export function StatusBadge({ status }: { status: AlertStatus }) {
  return (
    <Pill tone={statusTone[status] ?? 'subtle'} data-status={status}>
      {statusLabel(status)}
    </Pill>
  );
}
