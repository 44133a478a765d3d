/** The published JSON Schema of scenario files, generated from the zod schema import enforces. */
import { z } from 'zod';
import { SCENARIO_VERSION, scenarioFileSchema } from './schema';

export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(scenarioFileSchema, { io: 'input', target: 'draft-2020-12' });
  const doc = {
    ...schema,
    $id: `https://txlab.invalid/scenario-file.v${SCENARIO_VERSION}.schema.json`,
    title: `TxLab scenario file, version ${SCENARIO_VERSION}`,
    description:
      'A TxLab workspace or lesson: wallets (public keys), chains, chain history, transaction graph, lesson paths and the seed. See docs/scenario-format.md.',
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
