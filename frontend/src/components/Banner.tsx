import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { CheckmarkCircle20Regular, ErrorCircle20Regular, Info20Regular, Warning20Regular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';

// A message bar in Fluent's colours (lighter than Fluent's MessageBar and
// its motion, which the list page's size budget cannot carry).

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: '8px',
    minHeight: '36px',
    padding: '4px 12px',
    boxSizing: 'border-box',
    borderRadius: tokens.borderRadiusMedium,
    fontSize: tokens.fontSizeBase300,
  },
  info: { backgroundColor: tokens.colorNeutralBackground3, border: `1px solid ${tokens.colorNeutralStroke2}` },
  success: { backgroundColor: tokens.colorPaletteGreenBackground1, border: `1px solid ${tokens.colorPaletteGreenBorder1}` },
  warning: { backgroundColor: tokens.colorPaletteYellowBackground1, border: `1px solid ${tokens.colorPaletteYellowBorder1}` },
  error: { backgroundColor: tokens.colorPaletteRedBackground1, border: `1px solid ${tokens.colorPaletteRedBorder1}` },
  icon: { flexShrink: 0, display: 'flex' },
  infoIcon: { color: tokens.colorBrandForeground1 },
  successIcon: { color: tokens.colorPaletteGreenForeground1 },
  warningIcon: { color: tokens.colorPaletteDarkOrangeForeground1 },
  errorIcon: { color: tokens.colorPaletteRedForeground1 },
  body: { flex: 1, minWidth: 0, overflowWrap: 'anywhere' },
  title: { fontWeight: tokens.fontWeightSemibold, marginRight: '6px' },
  actions: { display: 'flex', gap: '8px', flexShrink: 0 },
});

const icons = {
  info: Info20Regular,
  success: CheckmarkCircle20Regular,
  warning: Warning20Regular,
  error: ErrorCircle20Regular,
};

/** Intent of a Banner. */
export type Intent = keyof typeof icons;

interface BannerProps {
  intent: Intent;
  title?: string;
  children: ReactNode;
  actions?: ReactNode;
  /** "alert" for errors the analyst must notice now, "status" for news. */
  role?: 'alert' | 'status';
  className?: string;
  'data-testid'?: string;
}

/** Banner is a one-line message with optional actions. */
export function Banner({ intent, title, children, actions, role, className, ...rest }: BannerProps) {
  const styles = useStyles();
  const Icon = icons[intent];
  return (
    <div className={mergeClasses(styles.bar, styles[intent], className)} role={role} data-testid={rest['data-testid']}>
      <span className={mergeClasses(styles.icon, styles[`${intent}Icon`])} aria-hidden>
        <Icon />
      </span>
      <div className={styles.body}>
        {title && <span className={styles.title}>{title}</span>}
        {children}
      </div>
      {actions && <div className={styles.actions}>{actions}</div>}
    </div>
  );
}
