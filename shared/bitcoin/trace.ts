/** The step trace: what the debugger shows after every operation. Only built when asked for. */
import type { Bytes } from './bytes';
import type { ScriptErrorCode, ScriptRole } from './errors';
import type { SigVersion } from './sighash';

export interface SignatureCheckTrace {
  readonly signature: Bytes;
  readonly pubKey: Bytes;
  readonly sigVersion: SigVersion;
  readonly scriptCode: Bytes;
  /** Absent when no hash was computed (empty signature, unparsable key). */
  readonly hashType?: number;
  readonly preimage?: Bytes | undefined;
  readonly digest?: Bytes;
  readonly valid: boolean;
}

export interface TraceStep {
  readonly role: ScriptRole;
  /** Byte offset of the operation in its script. */
  readonly offset: number;
  readonly opcode: number;
  /** Data pushed by a push operation. */
  readonly pushData?: Bytes;
  /** False for operations skipped inside an unexecuted IF branch. */
  readonly executed: boolean;
  /** State after the operation (top of stack last). */
  readonly stack: readonly Bytes[];
  readonly altStack: readonly Bytes[];
  /** The IF/ELSE execution stack: one boolean per open conditional. */
  readonly conditions: readonly boolean[];
  readonly signatureChecks?: readonly SignatureCheckTrace[];
  /** Tapscript only: BIP342's validation weight budget left after the operation. */
  readonly validationWeightLeft?: number;
  /** Set on the step that failed. */
  readonly error?: ScriptErrorCode;
}

/** Marks the boundaries between the scripts of one input (scriptSig, scriptPubKey, …). */
export interface TracePhase {
  readonly role: ScriptRole;
  readonly script: Bytes;
  readonly initialStack: readonly Bytes[];
}

export interface TraceSink {
  phase(phase: TracePhase): void;
  step(step: TraceStep): void;
}

export interface InputTrace {
  readonly phases: readonly (TracePhase & { readonly steps: readonly TraceStep[] })[];
}

/** Collects a whole input's trace in memory. */
export class TraceRecorder implements TraceSink {
  private readonly phases: (TracePhase & { steps: TraceStep[] })[] = [];

  phase(phase: TracePhase): void {
    this.phases.push({ ...phase, steps: [] });
  }

  step(step: TraceStep): void {
    const current = this.phases[this.phases.length - 1];
    if (current) current.steps.push(step);
  }

  result(): InputTrace {
    return { phases: this.phases };
  }
}
