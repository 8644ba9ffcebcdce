// The shape of the progress file, for validating it when the quick check in store.ts finds it unusual.
import { z } from 'zod';

export const Location = z.union([
  z.object({ screen: z.literal('lessons') }),
  z.object({ screen: z.literal('lesson'), lessonId: z.string(), step: z.number().int().min(0) }),
  z.object({ screen: z.literal('exercise'), exerciseId: z.string() }),
]);

export const ExerciseProgress = z.object({
  startedAt: z.string(),
  status: z.enum(['todo', 'passed', 'failed', 'error']).default('todo'),
  hintsShown: z.number().int().min(0).default(0),
  gaveUp: z.boolean().default(false),
  passedAt: z.string().optional(),
  checks: z.number().int().min(0).default(0),
  setupDone: z.boolean().optional(),
  images: z.record(z.string(), z.string().nullable()).optional(),
  lastResult: z
    .object({
      outcome: z.enum(['pass', 'fail', 'error']),
      message: z.string(),
      tryNext: z.string().optional(),
      evidence: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
      diagnosis: z.string().optional(),
    })
    .optional(),
  diagnosisHintShown: z.string().optional(),
});
export type ExerciseProgress = z.infer<typeof ExerciseProgress>;

export const Progress = z.object({
  version: z.literal(1),
  workspaceId: z.string().regex(/^ws-[a-z0-9]+$/),
  createdAt: z.string(),
  location: Location.default({ screen: 'lessons' }),
  exercises: z.record(z.string(), ExerciseProgress).default({}),
});
export type Progress = z.infer<typeof Progress>;
