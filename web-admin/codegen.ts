import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed operations from the API schema that scripts/api-schema.mjs derives offline. */
const config: CodegenConfig = {
  schema: 'schema/api.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { Date: 'string', DateTime: 'string' },
        avoidOptionals: { field: true, inputValue: false },
      },
    },
  },
};
export default config;
