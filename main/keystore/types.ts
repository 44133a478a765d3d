/**
 * Public shapes of the keystore: everything here may cross to the renderer. None of these types
 * has a field that can hold private key material; secrets stay in `state.ts` inside the host.
 */

/** `taproot`: the P2TR receive keys, BIP86's m/86'/1'/0'/0/i; the others live under m/84'/1'/0'. */
export const KEY_PURPOSES = ['receive', 'change', 'funding', 'revocation', 'htlc', 'swap', 'taproot'] as const;
export type KeyPurpose = (typeof KEY_PURPOSES)[number];

/** Where a handed-over key went to, or came from. */
export interface HandoverRef {
  readonly handoverId: string;
  readonly walletId: string;
  readonly walletName: string;
  /** Milliseconds since 1970 (host clock). */
  readonly time: number;
}

export interface KeyInfo {
  /** Stable across wallets: a handed-over copy keeps the id of the original (e.g. `alice/revocation/0`). */
  readonly id: string;
  /** The wallet in whose listing this entry appears (the holder). */
  readonly walletId: string;
  readonly purpose: KeyPurpose;
  /** Shown in the UI, e.g. "Alice2" for Alice's first revocation key. */
  readonly label: string;
  readonly index: number;
  /** BIP32 path in the wallet that derived the key (for an imported key: the original wallet). */
  readonly path: string;
  /** Compressed SEC1 public key, hex. */
  readonly publicKey: string;
  /** HASH160 of the public key, hex. */
  readonly pubKeyHash: string;
  /** A `taproot` key's P2TR output key, x-only hex: BIP86's tweak of the public key (no script tree). */
  readonly taprootKey?: string;
  /** 'derived': from this wallet's seed; 'imported': its private key was handed over from another wallet. */
  readonly origin: 'derived' | 'imported';
  /** On the original: every wallet that received its private key. */
  readonly handedOverTo: readonly HandoverRef[];
  /** On an imported copy: the wallet it came from. */
  readonly handedOverFrom?: HandoverRef;
  /** False when the keystore holds no private key for it (a watch-only import). */
  readonly canSign: boolean;
}

export interface WalletInfo {
  readonly id: string;
  readonly name: string;
  /** Creation order (1, 2, 3 …; never reused). */
  readonly order: number;
  /** Imported without its seed: keys are listed but nothing can be signed or derived. */
  readonly watchOnly: boolean;
  readonly keys: readonly KeyInfo[];
}

export interface HandoverEntry {
  readonly id: string;
  readonly time: number;
  readonly keyId: string;
  readonly keyLabel: string;
  readonly publicKey: string;
  readonly fromWalletId: string;
  readonly fromWalletName: string;
  readonly toWalletId: string;
  readonly toWalletName: string;
  readonly reason: string;
}

/** What the chain needs to find a wallet's coins: the keys it can spend with. */
export interface OwnedKey {
  readonly keyId: string;
  readonly purpose: KeyPurpose;
  readonly label: string;
  readonly publicKey: string;
  readonly pubKeyHash: string;
  readonly taprootKey?: string;
  readonly canSign: boolean;
}

/** A BIP340 signature by a `taproot` key's tweaked private key (a P2TR key-path spend). */
export interface SchnorrSignature {
  /** 64 bytes, no sighash-type byte. */
  readonly signature: Uint8Array;
  /** The x-only key it verifies under: the output key (key path) or the key's own (script path). */
  readonly outputKey: Uint8Array;
}

/**
 * A P2TR spend's path: the output key signs (BIP341 key path: the internal key tweaked by
 * H_TapTweak(P || merkleRoot), BIP86's H_TapTweak(P) with no tree), or a leaf's key (BIP342).
 */
export type TaprootSpendPath = { readonly kind: 'key'; readonly merkleRoot?: Uint8Array } | { readonly kind: 'script' };

export interface DigestSignature {
  /** Strict DER (BIP66), low-S, RFC 6979 deterministic; no sighash-type byte. */
  readonly signature: Uint8Array;
  /** Compressed public key of the signing key. */
  readonly publicKey: Uint8Array;
}

/** One signer's turn in a MuSig2 key-path session (musigSigning.ts). */
export interface MusigRequest {
  /** The participants' compressed keys, in KeySort order. */
  readonly keys: readonly Uint8Array[];
  /** The x-only TapTweak of the aggregate key (with the script tree's root, if any). */
  readonly tweak: Uint8Array;
  /** The BIP341 signature hash. */
  readonly digest: Uint8Array;
  /** BIP327's rand′ for every participant's nonce: from the scenario's seed and the digest. */
  readonly nonceRand: Uint8Array;
}

export interface MusigPartial {
  /** This signer's 32-byte partial signature. */
  readonly partial: Uint8Array;
  /** Every participant's 66-byte public nonce, in the order of `keys`. */
  readonly pubnonces: readonly Uint8Array[];
}
