import { Button, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { CombinedError } from '@urql/core';
import type { ReactNode } from 'react';
import { Banner } from './Banner';

const useStyles = makeStyles({
  center: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: '8px',
    padding: '48px 16px',
    color: tokens.colorNeutralForeground3,
    textAlign: 'center',
  },
});

/** Loading fills its place with a spinner and a label (for screen readers too). */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  const styles = useStyles();
  return (
    <div className={styles.center} role="status">
      <Spinner size="small" label={label} />
    </div>
  );
}

/** Empty says that there is nothing, and why if known. */
export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.center} role="status">
      <strong>{title}</strong>
      {children}
    </div>
  );
}

/** isNotFound: the server said the id names nothing (or is not an id at all). */
export function isNotFound(error: CombinedError | undefined): boolean {
  return Boolean(error?.graphQLErrors.some((e) => e.extensions?.code === 'NOT_FOUND' || e.extensions?.code === 'BAD_USER_INPUT'));
}

/** errorText is what an analyst can read of a failed request (never a stack). */
export function errorText(error: CombinedError): string {
  if (error.networkError) return 'The server could not be reached. Check the connection; the request will be retried.';
  return error.graphQLErrors.map((e) => e.message).join('; ') || error.message;
}

/** ErrorState shows a failed request with a retry. */
export function ErrorState({ error, title = 'Could not load', onRetry }: { error: CombinedError; title?: string; onRetry?: () => void }) {
  return (
    <Banner intent="error" role="alert" title={title} actions={onRetry && <Button onClick={onRetry}>Retry</Button>}>
      {errorText(error)}
    </Banner>
  );
}
