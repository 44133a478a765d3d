/** The host's error in the reader's language: its catalogue words when it sent them, else its English sentence. */
import type { ContractError } from '../../../shared/contract/result';
import type { Translate } from './translate';

export function hostMessage(t: Translate, error: Pick<ContractError, 'message' | 'text'>): string {
  return error.text ? t(error.text.key, error.text.params) : error.message;
}
