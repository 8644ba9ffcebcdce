// What a workshop file may contain (validated with zod when the file is read).
import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lesson id such as dockerfiles-and-images');

export const WorkshopLesson = z.strictObject({
  id,
  /** Optional deadline, ISO 8601 (2025-06-01 or 2025-06-01T17:00:00Z); shown to students and in the report. */
  due: z
    .union([z.string(), z.date()])
    .transform((v) => (v instanceof Date ? v.toISOString() : v))
    .refine((v) => !Number.isNaN(Date.parse(v)), 'a date such as 2025-06-01T17:00:00Z')
    .optional(),
});

export const WorkshopFile = z.strictObject({
  version: z.literal(1),
  title: z.string().min(1),
  lessons: z.array(z.union([id.transform((lesson) => ({ id: lesson })), WorkshopLesson])).min(1, 'at least one lesson'),
  /**
   * Where students push the images verify re-checks: a registry host (127.0.0.1:5000, registry.example.org)
   * or an ECR registry (123456789012.dkr.ecr.eu-west-1.amazonaws.com), optionally with a path prefix.
   */
  registry: z
    .string()
    .regex(
      /^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)*$/,
      'a registry such as 127.0.0.1:5000 or 1234.dkr.ecr.eu-west-1.amazonaws.com/class',
    )
    .optional(),
  /** Image catalog for the room (relative to this file); default: the one containerlings ships. */
  catalog: z.string().min(1).optional(),
  /** The offline pack made by `containerlings sandbox pack`, relative to this file. */
  pack: z.string().min(1).optional(),
});
export type WorkshopFile = z.infer<typeof WorkshopFile>;
