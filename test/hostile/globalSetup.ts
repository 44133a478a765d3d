/** Builds the hostile suites' bundles once for the whole test run (see bundle.ts). */
import { buildBundles } from './bundle';

export default async function setup(): Promise<void> {
  await buildBundles();
}
