/** What a restart must show of a session: the workspace exported with its wallets' public parts, hashed. */
import { createHash } from 'node:crypto';
import type { HostSession } from '../../../../main/host/session';

export async function stateHash(session: HostSession): Promise<string> {
  const exported = await session.invoke('workspace.export', {});
  if (!exported.ok) throw new Error(exported.error.message);
  return createHash('sha256')
    .update((exported.value as { json: string }).json)
    .digest('hex')
    .slice(0, 16);
}
