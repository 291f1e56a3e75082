// What both backends share: which nodes vary along the loop, and the calling convention of
// a compiled kernel.
import { FluxionError } from '../core/errors.js';
import type { IR } from './ir.js';

/** Which backend produced a compiled function. */
export type Backend = 'source' | 'closure';

/**
 * A compiled kernel. `I` holds the inputs (numbers or Float64Arrays of length `n`), `O`
 * the output arrays for array outputs (length `n`, written in place), `S` receives the
 * values of scalar outputs. Every backend computes exactly the same IEEE operations.
 */
export type Kernel = (I: readonly (number | Float64Array)[], O: readonly (Float64Array | undefined)[], S: number[], n: number) => void;

/** The loop layout of an IR for one input signature. */
export interface Plan {
  readonly ir: IR;
  /** 1 where the node's value changes along the loop (depends on an array input or constant). */
  readonly varying: Uint8Array;
  /** Whether each input is an array (else a scalar, broadcast). */
  readonly inputIsArray: readonly boolean[];
  /** Whether each output is returned as an array (scalars are broadcast into it). */
  readonly outputIsArray: readonly boolean[];
}

/**
 * Lays out an IR for a signature: marks the nodes that vary along the loop. Nodes that do
 * not vary are computed once, before the loop.
 *
 * @param ir an IR whose applications are all elementwise
 * @param inputIsArray per input, whether it is an array
 * @param outputIsArray per output, whether it is returned as an array
 */
export function makePlan(ir: IR, inputIsArray: readonly boolean[], outputIsArray: readonly boolean[]): Plan {
  if (inputIsArray.length !== ir.nInputs) {
    throw new FluxionError(`Plan: the IR has ${ir.nInputs} input(s), the signature ${inputIsArray.length}.`);
  }
  if (outputIsArray.length !== ir.outputs.length) {
    throw new FluxionError(`Plan: the IR has ${ir.outputs.length} output(s), the signature ${outputIsArray.length}.`);
  }
  const varying = new Uint8Array(ir.nodes.length);
  ir.nodes.forEach((n, id) => {
    if (n.op === 'input') varying[id] = inputIsArray[n.index] ? 1 : 0;
    else if (n.op === 'const') varying[id] = typeof n.value === 'number' ? 0 : 1;
    else {
      if (n.prim.kind !== 'elementwise') {
        throw new FluxionError(`Plan: ${n.prim.name} is not elementwise and cannot be fused into a loop.`);
      }
      varying[id] = n.args.some((a) => varying[a] === 1) ? 1 : 0;
    }
  });
  ir.outputs.forEach((o, k) => {
    if (varying[o] === 1 && !outputIsArray[k]) {
      throw new FluxionError(`Plan: output ${k + 1} varies along the loop but was declared a scalar.`);
    }
  });
  return { ir, varying, inputIsArray, outputIsArray };
}
