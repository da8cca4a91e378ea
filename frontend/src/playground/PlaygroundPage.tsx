import { lazy, Suspense } from 'react';
import { useTitle } from '../app/title';
import { Loading } from '../components/states';

// GraphiQL (with Monaco) is large: it is loaded only when the playground opens.
const Playground = lazy(() => import('./Playground'));

/** PlaygroundPage is /playground: GraphiQL against /graphql. */
export function PlaygroundPage({ dark }: { dark: boolean }) {
  useTitle('GraphQL playground');
  return (
    <Suspense fallback={<Loading label="Loading the GraphQL playground…" />}>
      <Playground dark={dark} />
    </Suspense>
  );
}
