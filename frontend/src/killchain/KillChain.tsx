import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Tactic } from '../gql/graphql';
import { TACTICS, tacticLabel } from './tactics';

const useStyles = makeStyles({
  strip: {
    display: 'grid',
    gridTemplateColumns: 'repeat(14, minmax(0, 1fr))',
    gap: '2px',
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    counterReset: 'stage',
  },
  stage: {
    position: 'relative',
    minHeight: '56px',
    padding: '6px 6px 6px 10px',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground2,
    backgroundColor: tokens.colorNeutralBackground3,
    clipPath: 'polygon(0 0, calc(100% - 6px) 0, 100% 50%, calc(100% - 6px) 100%, 0 100%, 6px 50%)',
    overflowWrap: 'break-word',
    hyphens: 'auto',
  },
  observed: {
    color: tokens.colorNeutralForegroundInverted,
    backgroundColor: tokens.colorPaletteRedForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  number: { display: 'block' },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

/**
 * KillChain draws the 14 ATT&CK tactics in kill-chain order and highlights
 * the ones observed (an incident's or an alert's tactics).
 */
export function KillChain({ observed, label = 'Kill chain' }: { observed: readonly Tactic[]; label?: string }) {
  const styles = useStyles();
  const set = new Set(observed);
  return (
    <ol className={styles.strip} aria-label={label}>
      {TACTICS.map((t, i) => {
        const on = set.has(t);
        return (
          <li key={t} className={mergeClasses(styles.stage, on && styles.observed)} data-tactic={t} data-observed={on || undefined}>
            <span className={styles.number} aria-hidden>
              {i + 1}
            </span>
            {tacticLabel(t)}
            <span className={styles.hidden}>{on ? ': observed' : ': not observed'}</span>
          </li>
        );
      })}
    </ol>
  );
}
