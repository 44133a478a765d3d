/**
 * What a lesson step is about (scenario format v1, optional): the transactions the canvas frames
 * and marks, the outputs (and so the edges) that matter, and the figures shown beside the
 * narration. A step without it gets a default from what the step did (main/host/lessonStage.ts):
 * the transactions it changed and the figures it produced.
 */
import { z } from 'zod';

const nodeId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only');

export const stepFocusSchema = z
  .object({
    /** Graph node ids; absent: the transactions the step changed. An empty list: none (the whole graph is framed). */
    nodes: z.array(nodeId).max(100).optional(),
    /** Outputs the step is about (a spent output is also the edge to its spender). */
    outputs: z
      .array(z.object({ node: nodeId, output: z.number().int().min(0).max(10_000) }).strict())
      .max(100)
      .optional(),
    /** Keys of the lesson's data (charts, tables) to show beside the narration; absent: those the step produced. */
    figures: z
      .array(
        z
          .string()
          .min(1)
          .max(60)
          .regex(/^[A-Za-z0-9_.-]+$/),
      )
      .max(20)
      .optional(),
  })
  .strict();
