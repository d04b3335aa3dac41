import { z } from 'zod';
import { articleExportSchema, manifestSchema, personExportSchema } from '../../shared/export/exportSchemas';

/** Where each format's JSON Schema sits in a bundle. */
export const SCHEMA_PATHS = {
  article: 'schema/article.schema.json',
  person: 'schema/person.schema.json',
  manifest: 'schema/manifest.schema.json',
} as const;

const SOURCES = { article: articleExportSchema, person: personExportSchema, manifest: manifestSchema } as const;
const TITLES = { article: 'Versus Desk article', person: 'Versus Desk person', manifest: 'Versus Desk bundle manifest' } as const;

export type SchemaName = keyof typeof SCHEMA_PATHS;

/**
 * JSON Schema (draft 2020-12) for one exported format, generated from its zod schema.
 * Cross-field rules written as zod refinements (term keys, id uniqueness) are not expressible
 * here; an importer checks them with the zod schemas.
 */
export function jsonSchemaFor(name: SchemaName): Record<string, unknown> {
  const schema = z.toJSONSchema(SOURCES[name], { target: 'draft-2020-12', io: 'output', unrepresentable: 'throw', reused: 'ref' });
  return { ...schema, $id: `https://versus-desk.invalid/${SCHEMA_PATHS[name]}`, title: TITLES[name] };
}

/** Every shipped schema by its path in the bundle. */
export function allJsonSchemas(): Array<{ path: string; schema: Record<string, unknown> }> {
  return (Object.keys(SCHEMA_PATHS) as SchemaName[]).map((name) => ({ path: SCHEMA_PATHS[name], schema: jsonSchemaFor(name) }));
}
