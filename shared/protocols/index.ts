/**
 * Protocol builders, named as in the seed: pure functions that return transaction drafts with
 * their unlock templates (signature slots, dummies, branch selectors, scripts). Signing is the
 * keystore's; broadcasting the chain's.
 */
export * from './types';
export * from './outputs';
export * from './p2pkh';
export * from './multisig';
export * from './rsmc';
export * from './htlc';
export * from './multihop';
export * from './swap';
export * from './inspect';
export * from './malleability';
export * from './exchange';
