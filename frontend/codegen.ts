import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents from the repository's own schema files (never a running
// server): the hand-written SDL in ../graph and the schema entgql generates.
// `npm run codegen:check` fails when src/gql is stale.
const config: CodegenConfig = {
  schema: ['../graph/*.graphqls', '../graph/ent.graphql'],
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: { unmaskFunctionName: 'getFragmentData' },
      },
      config: {
        scalars: { Time: 'string', Cursor: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
        onlyOperationTypes: true,
        skipTypename: false,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
      },
    },
  },
};

export default config;
