/** Consensus limits of legacy and SegWit v0 scripts (Core's script.h). */
export const MAX_SCRIPT_SIZE = 10_000;
export const MAX_SCRIPT_ELEMENT_SIZE = 520;
export const MAX_OPS_PER_SCRIPT = 201;
export const MAX_PUBKEYS_PER_MULTISIG = 20;
export const MAX_STACK_SIZE = 1000;

/** BIP342's validation weight budget: witness size + 50, less 50 per signature checked. */
export const VALIDATION_WEIGHT_OFFSET = 50;
export const VALIDATION_WEIGHT_PER_SIGOP_PASSED = 50;
